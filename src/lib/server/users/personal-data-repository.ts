import { sql } from 'kysely';
import type { Db } from '../db';

// A person's personal data (personal-data.ts): everything held about them, and its erasure.

export function findAccount(db: Db, id: number) {
	return db
		.selectFrom('user')
		.select(['id', 'email', 'name', 'role', 'locale', 'disabledAt', 'createdAt'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

/** How many sessions the person has, and when they were made and end. */
export function sessionSummary(db: Db, userId: number) {
	return db
		.selectFrom('session')
		.select([
			sql<number>`count(*)::int`.as('count'),
			sql<Date | null>`min(created_at)`.as('firstCreatedAt'),
			sql<Date | null>`max(created_at)`.as('lastCreatedAt'),
			sql<Date | null>`max(expires_at)`.as('lastExpiresAt')
		])
		.where('userId', '=', userId)
		.executeTakeFirstOrThrow();
}

export function listCommentsBy(db: Db, authorId: number) {
	return db
		.selectFrom('comment')
		.innerJoin('card', 'card.id', 'comment.cardId')
		.select([
			'comment.id',
			'comment.cardId',
			'card.title as cardTitle',
			'comment.body',
			'comment.createdAt',
			'comment.editedAt',
			'comment.deletedAt'
		])
		.where('comment.authorId', '=', authorId)
		.orderBy('comment.id')
		.execute();
}

export function listReportsBy(db: Db, authorId: number) {
	return db
		.selectFrom('activityReport')
		.select([
			'id',
			'cardId',
			'organizationId',
			'status',
			'periodStart',
			'periodEnd',
			'summary',
			'participants',
			'outputs',
			'links',
			'submittedAt',
			'createdAt',
			'updatedAt'
		])
		.where('authorId', '=', authorId)
		.orderBy('id')
		.execute();
}

export function listNotificationsOf(db: Db, userId: number) {
	return db
		.selectFrom('notification')
		.select(['id', 'type', 'cardId', 'commentId', 'dueDate', 'createdAt', 'readAt'])
		.where('userId', '=', userId)
		.orderBy('id')
		.execute();
}

export function listAssignmentsOf(db: Db, userId: number) {
	return db
		.selectFrom('cardAssignee')
		.innerJoin('card', 'card.id', 'cardAssignee.cardId')
		.select(['card.id as cardId', 'card.title as cardTitle', 'card.boardId'])
		.where('cardAssignee.userId', '=', userId)
		.orderBy('card.id')
		.execute();
}

/** What the person did, when and on what: not the payloads, which may name other people. */
export function listEventsBy(db: Db, actorId: number) {
	return db
		.selectFrom('event')
		.select(['id', 'occurredAt', 'type', 'entityType', 'entityId', 'boardId', 'cardId'])
		.where('actorId', '=', actorId)
		.orderBy('id')
		.execute();
}

/** Failed sign-ins with this (lower-cased) e-mail. */
export function listLoginAttempts(db: Db, email: string) {
	return db
		.selectFrom('loginAttempt')
		.select(['attemptedAt', 'address'])
		.where('email', '=', email)
		.orderBy('attemptedAt')
		.execute();
}

/** Writes an erased person's pseudonym, unusable password, no locale, member role, disabled. */
export async function pseudonymisePerson(
	trx: Db,
	id: number,
	values: { name: string; email: string; passwordHash: string; disabledAt: Date }
) {
	await trx
		.updateTable('user')
		.set({
			name: values.name,
			email: values.email,
			passwordHash: values.passwordHash,
			locale: null,
			role: 'member',
			disabledAt: values.disabledAt
		})
		.where('id', '=', id)
		.execute();
}

async function deleted(query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) {
	return Number((await query.executeTakeFirst()).numDeletedRows);
}

/** Deletes the person's memberships; answers how many. */
export function deleteMembershipsOf(trx: Db, userId: number) {
	return deleted(trx.deleteFrom('membership').where('userId', '=', userId));
}

/** Deletes the person's card assignments; answers how many. */
export function deleteAssignmentsOf(trx: Db, userId: number) {
	return deleted(trx.deleteFrom('cardAssignee').where('userId', '=', userId));
}

/** Deletes the person's notifications; answers how many. */
export function deleteNotificationsOf(trx: Db, userId: number) {
	return deleted(trx.deleteFrom('notification').where('userId', '=', userId));
}

/** Deletes the person's e-mail messages (their address, texts about them) and e-mail choices. */
export async function deleteEmailOf(trx: Db, userId: number) {
	await trx.deleteFrom('emailMessage').where('userId', '=', userId).execute();
	await trx.deleteFrom('emailPreference').where('userId', '=', userId).execute();
}

/** Deletes the failed sign-ins with this (lower-cased) e-mail; answers how many. */
export function deleteLoginAttempts(trx: Db, email: string) {
	return deleted(trx.deleteFrom('loginAttempt').where('email', '=', email));
}
