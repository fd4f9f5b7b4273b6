import type { Db } from './db';

// The deletes of the retention sweep (retention.ts): each answers how many rows went.

/** Deletes the sessions expired by `now`. */
export async function deleteExpiredSessions(trx: Db, now: Date) {
	const result = await trx.deleteFrom('session').where('expiresAt', '<=', now).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Deletes the failed sign-ins made before `before`. */
export async function deleteLoginAttemptsBefore(trx: Db, before: Date) {
	const result = await trx
		.deleteFrom('loginAttempt')
		.where('attemptedAt', '<', before)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Deletes the notifications read before `readBefore` and those never read made before `unreadBefore`. */
export async function deleteOldNotifications(trx: Db, readBefore: Date, unreadBefore: Date) {
	const result = await trx
		.deleteFrom('notification')
		.where((eb) =>
			eb.or([
				eb.and([eb('readAt', 'is not', null), eb('readAt', '<', readBefore)]),
				eb.and([eb('readAt', 'is', null), eb('createdAt', '<', unreadBefore)])
			])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/**
 * Deletes the e-mails sent or kept before `doneBefore` and those refused before `failedBefore`.
 * One still to go (queued, sending) stays whatever its age.
 */
export async function deleteOldEmails(trx: Db, doneBefore: Date, failedBefore: Date) {
	const result = await trx
		.deleteFrom('emailMessage')
		.where((eb) =>
			eb.or([
				eb.and([eb('status', 'in', ['sent', 'kept']), eb('createdAt', '<', doneBefore)]),
				eb.and([eb('status', '=', 'failed'), eb('createdAt', '<', failedBefore)])
			])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}
