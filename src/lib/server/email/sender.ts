import type { Transporter } from 'nodemailer';
import type { Db } from '../db';
import { claimDueMessages, recordOutcome, type SendOutcome } from './outbox-repository';

// The outbox's sender. It claims due messages with a lease (state 'sending', lease_until; rows
// locked with SKIP LOCKED, so two instances never claim the same one), hands each to the mail
// server, and records the answer:
// - accepted: 'sent';
// - refused for good (a 5xx answer, such as 550 no such mailbox): 'failed', with the server's words;
// - not now (no connection, a 4xx answer, a timeout): back to 'queued' after a growing pause, until
//   MAX_ATTEMPTS, then 'failed' as well: nothing is retried for ever.
// A message whose lease ran out (the instance died while sending it) is claimed again. That is why
// delivery is at least once, not exactly once: a crash after the server accepted a message and
// before 'sent' was written sends it again when the lease ends. SMTP has no way to ask whether a
// message arrived, so no sender can do better; the Message-ID stays the same on every attempt, so
// a receiver that deduplicates (most do) shows it once.

export const MAX_ATTEMPTS = 12;
const FIRST_PAUSE_MS = 60_000;
const LONGEST_PAUSE_MS = 6 * 3600_000;
/** Longer than a send can take (see the transport's timeouts in mailer.ts). */
export const LEASE_MS = 5 * 60_000;
const BATCH = 20;

/** The pause after the n-th failed attempt: 1 min, 2, 4 … up to 6 hours. */
export function backoffMs(attempts: number): number {
	return Math.min(FIRST_PAUSE_MS * 2 ** Math.max(0, attempts - 1), LONGEST_PAUSE_MS);
}

export interface SendOptions {
	transport: Transporter;
	from: string;
	now?: Date;
}

export interface SendResult {
	sent: number;
	retried: number;
	failed: number;
}

interface SmtpError {
	message?: string;
	response?: string;
	responseCode?: number;
	code?: string;
}

/** The server's own words where it answered, else what went wrong on the way. */
const describe = (e: SmtpError) => (e.response ?? e.message ?? String(e)).slice(0, 1000);

/** Sends what is due at `now`; returns what became of it. */
export async function sendDueEmails(db: Db, options: SendOptions): Promise<SendResult> {
	const now = options.now ?? new Date();
	const result: SendResult = { sent: 0, retried: 0, failed: 0 };
	for (;;) {
		const claimed = await claimDueMessages(db, now, LEASE_MS, BATCH);
		for (const msg of claimed) {
			const { 'Message-ID': messageId, ...headers } = msg.headers;
			// Only a row still leased by this claim is updated: a lease taken over meanwhile wins.
			const record = (outcome: SendOutcome) => recordOutcome(db, msg.id, msg.attempts, outcome);
			try {
				await options.transport.sendMail({
					from: options.from,
					to: msg.address,
					subject: msg.subject,
					text: msg.text,
					html: msg.html,
					messageId,
					headers
				});
				await record({ status: 'sent', at: now });
				result.sent++;
			} catch (err) {
				const e = err as SmtpError;
				const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
				if (permanent || msg.attempts >= MAX_ATTEMPTS) {
					const why = permanent
						? describe(e)
						: `${describe(e)} (gave up after ${msg.attempts} attempts)`;
					await record({ status: 'failed', error: why });
					result.failed++;
				} else {
					await record({
						status: 'queued',
						error: describe(e),
						nextAttemptAt: new Date(now.getTime() + backoffMs(msg.attempts))
					});
					result.retried++;
				}
			}
		}
		if (claimed.length < BATCH) return result;
	}
}
