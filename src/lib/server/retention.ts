import type { Db } from './db';
import * as repo from './retention-repository';

// How long personal data that only serves a passing purpose is kept (GDPR art. 5(1)(e), storage
// limitation). Run with the server at start and every hour (jobs/scheduler.ts, beside the
// due-date sweep). The audit log (`event`) is not here: it is the city's record and append-only.

const DAY = 24 * 60 * 60 * 1000;
/** Failed sign-ins count towards the limit for 15 minutes; kept 30 days to look into attacks. */
export const LOGIN_ATTEMPT_DAYS = 30;
/** A notification read is done with after 90 days… */
export const READ_NOTIFICATION_DAYS = 90;
/** …one never read, after a year. */
export const UNREAD_NOTIFICATION_DAYS = 365;
/** An e-mail sent (or kept, with no SMTP server) is done with after 90 days… */
export const SENT_EMAIL_DAYS = 90;
/** …one refused or given up on stays a year, for the administrators to look into. */
export const FAILED_EMAIL_DAYS = 365;
export const RETENTION_SWEEP_MS = 60 * 60 * 1000;

export interface RetentionResult {
	sessions: number;
	loginAttempts: number;
	notifications: number;
	emails: number;
}

/** Deletes what has outlived its purpose as of `now`; answers how many rows of each went. */
export async function sweepRetention(db: Db, now = new Date()): Promise<RetentionResult> {
	const before = (days: number) => new Date(now.getTime() - days * DAY);
	return db.transaction().execute(async (trx) => {
		const sessions = await repo.deleteExpiredSessions(trx, now);
		const loginAttempts = await repo.deleteLoginAttemptsBefore(trx, before(LOGIN_ATTEMPT_DAYS));
		const notifications = await repo.deleteOldNotifications(
			trx,
			before(READ_NOTIFICATION_DAYS),
			before(UNREAD_NOTIFICATION_DAYS)
		);
		const emails = await repo.deleteOldEmails(
			trx,
			before(SENT_EMAIL_DAYS),
			before(FAILED_EMAIL_DAYS)
		);
		return { sessions, loginAttempts, notifications, emails };
	});
}
