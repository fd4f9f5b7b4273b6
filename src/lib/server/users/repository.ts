import { sql } from 'kysely';
import type { Db } from '../db';
import type { InstanceRole, MembershipRole } from '../db/schema';

// People, their memberships and the organisations they can join. No query here ever selects a
// password hash except the one that writes it.

const personColumns = [
	'user.id',
	'user.email',
	'user.name',
	'user.role',
	'user.disabledAt',
	'user.createdAt'
] as const;

/** `%`, `_` and `\` typed into the filter are matched literally, not as LIKE wildcards. */
function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

export function findPerson(db: Db, id: number) {
	return db.selectFrom('user').select(personColumns).where('id', '=', id).executeTakeFirst();
}

/** The id of whoever holds an e-mail address, in any letter case (as the unique index sees it). */
export async function findIdByEmail(db: Db, email: string) {
	const row = await db
		.selectFrom('user')
		.select('id')
		.where(sql`lower(email)`, '=', email.toLowerCase())
		.executeTakeFirst();
	return row?.id;
}

/** Everyone, or those whose name or e-mail contains `q` (in any letter case), by name. */
export function listPeople(db: Db, q: string) {
	let query = db.selectFrom('user').select(personColumns);
	if (q) {
		const pattern = containsPattern(q);
		query = query.where((eb) =>
			eb.or([eb('user.name', 'ilike', pattern), eb('user.email', 'ilike', pattern)])
		);
	}
	return query.orderBy('user.name').orderBy('user.id').execute();
}

/** The memberships of several people at once, for the list (one query, not one per row). */
export function listMembershipsOfPeople(db: Db, userIds: number[]) {
	if (userIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('membership')
		.innerJoin('organization', 'organization.id', 'membership.organizationId')
		.select([
			'membership.userId',
			'membership.organizationId',
			'membership.role',
			'organization.name'
		])
		.where('membership.userId', 'in', userIds)
		.orderBy('organization.name')
		.execute();
}

/** The organisations a person belongs to, with their role in each. */
export function listMemberships(db: Db, userId: number) {
	return db
		.selectFrom('membership')
		.innerJoin('organization', 'organization.id', 'membership.organizationId')
		.select([
			'organization.id',
			'organization.name',
			'organization.kind',
			'organization.isCoordinator',
			'membership.role'
		])
		.where('membership.userId', '=', userId)
		.orderBy('organization.name')
		.execute();
}

export function findMembership(db: Db, userId: number, organizationId: number) {
	return db
		.selectFrom('membership')
		.innerJoin('organization', 'organization.id', 'membership.organizationId')
		.select(['membership.organizationId', 'membership.role', 'organization.name'])
		.where('membership.userId', '=', userId)
		.where('membership.organizationId', '=', organizationId)
		.executeTakeFirst();
}

export function listOrganizations(db: Db) {
	return db
		.selectFrom('organization')
		.select(['id', 'name', 'shortName', 'kind'])
		.orderBy('name')
		.execute();
}

export function findOrganization(db: Db, id: number) {
	return db
		.selectFrom('organization')
		.select(['id', 'name'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export function insertPerson(
	trx: Db,
	values: { email: string; name: string; role: InstanceRole; passwordHash: string }
) {
	return trx
		.insertInto('user')
		.values(values)
		.returning(['id', 'email', 'name', 'role'])
		.executeTakeFirstOrThrow();
}

export async function updatePerson(
	trx: Db,
	id: number,
	values: {
		email?: string;
		name?: string;
		role?: InstanceRole;
		passwordHash?: string;
		disabledAt?: Date | null;
	}
) {
	await trx.updateTable('user').set(values).where('id', '=', id).execute();
}

export async function insertMembership(
	trx: Db,
	values: { userId: number; organizationId: number; role: MembershipRole }
) {
	await trx.insertInto('membership').values(values).execute();
}

export async function updateMembershipRole(
	trx: Db,
	userId: number,
	organizationId: number,
	role: MembershipRole
) {
	await trx
		.updateTable('membership')
		.set({ role })
		.where('userId', '=', userId)
		.where('organizationId', '=', organizationId)
		.execute();
}

export async function deleteMembership(trx: Db, userId: number, organizationId: number) {
	await trx
		.deleteFrom('membership')
		.where('userId', '=', userId)
		.where('organizationId', '=', organizationId)
		.execute();
}

export async function setLocale(db: Db, userId: number, locale: 'pl' | 'en') {
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}

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

/** Deletes the failed sign-ins with this (lower-cased) e-mail; answers how many. */
export function deleteLoginAttempts(trx: Db, email: string) {
	return deleted(trx.deleteFrom('loginAttempt').where('email', '=', email));
}
