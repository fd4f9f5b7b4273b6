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
			'organization.name',
			'organization.shortName'
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
			'organization.shortName',
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
