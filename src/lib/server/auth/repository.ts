import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db';

// Sessions and sign-in attempts (session.ts, login.ts). Who may see what is policy.ts's, with
// its SQL forms beside it.

// Sign-in attempts.

/** Takes a transaction-scoped advisory lock on (space, hashtext(key)). */
export async function advisoryXactLock(trx: Db, space: number, key: string) {
	await sql`select pg_advisory_xact_lock(${space}::int, hashtext(${key}))`.execute(trx);
}

/** The failures in the window, by account and by address, and the oldest of each. */
export function countRecentAttempts(trx: Db, email: string, address: string, windowMs: number) {
	return (
		trx
			.selectFrom('loginAttempt')
			.select([
				sql<number>`count(*) filter (where email = ${email})::int`.as('byEmail'),
				sql<number>`count(*) filter (where address = ${address})::int`.as('byAddress'),
				sql<Date | null>`min(attempted_at) filter (where email = ${email})`.as('oldestByEmail'),
				sql<Date | null>`min(attempted_at) filter (where address = ${address})`.as(
					'oldestByAddress'
				)
			])
			// The database's clock, the same for every instance.
			.where('attemptedAt', '>', sql<Date>`now() - ${windowMs} * interval '1 millisecond'`)
			.where((eb) => eb.or([eb('email', '=', email), eb('address', '=', address)]))
			.executeTakeFirstOrThrow()
	);
}

export function insertAttempt(trx: Db, email: string, address: string) {
	return trx
		.insertInto('loginAttempt')
		.values({ email, address })
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function deleteAttempts(db: Db, email: string) {
	await db.deleteFrom('loginAttempt').where('email', '=', email).execute();
}

/** The account signing in with this (lower-cased) e-mail, with its password hash. */
export function findSignInAccount(db: Db, email: string) {
	return db
		.selectFrom('user')
		.select(['id', 'passwordHash', 'disabledAt', 'locale'])
		.where(sql`lower(email)`, '=', email)
		.executeTakeFirst();
}

// Sessions.

export async function insertSession(
	db: Db,
	session: { id: string; userId: number; expiresAt: Date }
) {
	await db.insertInto('session').values(session).execute();
}

/**
 * The session with its person, their memberships and how many of their notifications are
 * unread (the bell on every page), in one statement.
 */
export function findSessionWithUser(db: Db, sessionId: string) {
	return db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.userId')
		.select([
			'session.id',
			'session.userId',
			'session.expiresAt',
			'session.createdAt',
			'user.email',
			'user.name',
			'user.role',
			'user.locale',
			'user.disabledAt',
			(eb) =>
				jsonArrayFrom(
					eb
						.selectFrom('membership')
						.select(['membership.organizationId', 'membership.role'])
						.whereRef('membership.userId', '=', 'user.id')
				).as('memberships'),
			(eb) =>
				eb
					.selectFrom('notification')
					.select((n) => n.fn.countAll<string>().as('n'))
					.whereRef('notification.userId', '=', 'user.id')
					.where('notification.readAt', 'is', null)
					.as('unread')
		])
		.where('session.id', '=', sessionId)
		.executeTakeFirst();
}

export async function setSessionExpiry(db: Db, sessionId: string, expiresAt: Date) {
	await db.updateTable('session').set({ expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string) {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: number) {
	await db.deleteFrom('session').where('userId', '=', userId).execute();
}
