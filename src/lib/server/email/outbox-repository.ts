import { sql } from 'kysely';
import type { Db } from '../db';
import type { Insertable } from 'kysely';
import type { EmailMessageTable } from '../db/schema';

// The outbox's queries for its producer (producer.ts) and sender (sender.ts). Rows are claimed
// with FOR UPDATE SKIP LOCKED, so several instances share the work without waiting on each other.

type EmailState = 'queued' | 'digest' | 'digested' | 'skipped';

/** Up to `limit` notifications not yet looked at, locked for this transaction. */
export function claimNewNotifications(trx: Db, limit: number) {
	return trx
		.selectFrom('notification')
		.select('id')
		.where('emailState', 'is', null)
		.orderBy('id')
		.limit(limit)
		.forUpdate()
		.skipLocked()
		.execute();
}

export async function setEmailState(trx: Db, ids: readonly number[], state: EmailState) {
	if (ids.length === 0) return;
	await trx.updateTable('notification').set({ emailState: state }).where('id', 'in', ids).execute();
}

/** Writes a message unless its source was written already; returns how many were written. */
export async function insertMessage(trx: Db, values: Insertable<EmailMessageTable>) {
	const rows = await trx
		.insertInto('emailMessage')
		.values(values)
		.onConflict((oc) => oc.column('source').doNothing())
		.returning('id')
		.execute();
	return rows.length;
}

export function peopleWithDigest(db: Db) {
	return db
		.selectFrom('notification')
		.select('userId')
		.distinct()
		.where('emailState', '=', 'digest')
		.execute();
}

export async function messageExists(db: Db, source: string) {
	const row = await db
		.selectFrom('emailMessage')
		.select('id')
		.where('source', '=', source)
		.executeTakeFirst();
	return !!row;
}

/** A person's notifications waiting for their digest, locked for this transaction. */
export function claimDigestNotifications(trx: Db, userId: number) {
	return trx
		.selectFrom('notification')
		.select('id')
		.where('userId', '=', userId)
		.where('emailState', '=', 'digest')
		.orderBy('id')
		.forUpdate()
		.skipLocked()
		.execute();
}

/**
 * Leases up to `limit` messages due at `now`: waiting ones whose time has come, and those whose
 * lease ran out (their sender died). Each claim counts as an attempt.
 */
export function claimDueMessages(db: Db, now: Date, leaseMs: number, limit: number) {
	return db
		.updateTable('emailMessage')
		.set((eb) => ({
			status: 'sending',
			leaseUntil: new Date(now.getTime() + leaseMs),
			attempts: eb('attempts', '+', 1)
		}))
		.where(
			'id',
			'in',
			db
				.selectFrom('emailMessage')
				.select('id')
				.where((eb) =>
					eb.or([
						eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', now)]),
						eb.and([eb('status', '=', 'sending'), eb('leaseUntil', '<=', now)])
					])
				)
				.orderBy('id')
				.limit(limit)
				.forUpdate()
				.skipLocked()
		)
		.returning(['id', 'address', 'subject', 'text', 'html', 'headers', 'attempts'])
		.execute();
}

export type SendOutcome =
	| { status: 'sent'; at: Date }
	| { status: 'queued'; error: string; nextAttemptAt: Date }
	| { status: 'failed'; error: string };

/** Records what became of a claimed message, only while this claim still holds it. */
export async function recordOutcome(db: Db, id: number, attempts: number, outcome: SendOutcome) {
	const set =
		outcome.status === 'sent'
			? { status: 'sent' as const, sentAt: outcome.at, leaseUntil: null, lastError: null }
			: outcome.status === 'queued'
				? {
						status: 'queued' as const,
						leaseUntil: null,
						lastError: outcome.error,
						nextAttemptAt: outcome.nextAttemptAt
					}
				: { status: 'failed' as const, leaseUntil: null, lastError: outcome.error };
	await db
		.updateTable('emailMessage')
		.set(set)
		.where('id', '=', id)
		.where('status', '=', 'sending')
		.where('attempts', '=', attempts)
		.execute();
}

export async function waitingCount(db: Db): Promise<number> {
	const row = await db
		.selectFrom('emailMessage')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('status', 'in', ['queued', 'sending'])
		.executeTakeFirstOrThrow();
	return row.n;
}
