import { byName } from '$lib/domain/names';
import { ORGANIZATION_KINDS, orgFullName } from '$lib/domain/organizations';
import type { Db } from '../db';
import type { OrganizationKind } from '../db/schema';

// Queries behind a card's organisations and assignees: what may be picked, who is a member of
// what, and the diff writes. Access and rules are the service's (people.ts).

/** The order in which the groups of organisations are offered: the city first, NGOs later. */
const KIND_ORDER: readonly OrganizationKind[] = ORGANIZATION_KINDS;

export interface OrganizationOption {
	id: number;
	name: string;
	shortName: string | null;
	kind: OrganizationKind;
}

export interface OrganizationGroup {
	kind: OrganizationKind;
	organizations: { id: number; name: string; shortName: string | null }[];
}

export function groupByKind(orgs: readonly OrganizationOption[]): OrganizationGroup[] {
	return KIND_ORDER.map((kind) => ({
		kind,
		organizations: orgs
			.filter((o) => o.kind === kind)
			.map(({ id, name, shortName }) => ({ id, name, shortName }))
			.sort(byName)
	})).filter((g) => g.organizations.length > 0);
}

/** Organisations by id: the ones that exist, to refuse unknown ids and name them in events. */
export async function findOrganizations(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('organization')
		.select(['id', 'name', 'kind'])
		.where('id', 'in', [...ids])
		.execute();
}

/**
 * What a card may name as lead or partner: on a joint board its participants only (the others
 * do not take part in the initiative); elsewhere any organisation, so a department may invite an
 * NGO. The card's current ones are always offered, so that a form never drops one unasked.
 */
export async function listPickableOrganizations(
	db: Db,
	board: { isJoint: boolean; participants: readonly OrganizationOption[] },
	current: readonly OrganizationOption[]
): Promise<OrganizationGroup[]> {
	const pickable = board.isJoint
		? board.participants
		: await db.selectFrom('organization').select(['id', 'name', 'shortName', 'kind']).execute();
	const missing = current.filter((c) => !pickable.some((o) => o.id === c.id));
	return groupByKind([...pickable, ...missing]);
}

export interface PersonOption {
	id: number;
	name: string;
	/** The card's organisations the person belongs to, by their full names: the label beside their name. */
	organizations: string[];
}

/** People who may be assigned: active members of the given organisations, with those organisations. */
export async function listMembers(db: Db, orgIds: readonly number[]): Promise<PersonOption[]> {
	if (orgIds.length === 0) return [];
	const rows = await db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.userId')
		.innerJoin('organization', 'organization.id', 'membership.organizationId')
		.select([
			'user.id',
			'user.name',
			'organization.name as organizationName',
			'organization.shortName as organizationShortName'
		])
		.where('membership.organizationId', 'in', [...orgIds])
		.where('user.disabledAt', 'is', null)
		.orderBy('user.name')
		.orderBy('organization.name')
		.execute();
	const people = new Map<number, PersonOption>();
	for (const row of rows) {
		const person = people.get(row.id) ?? { id: row.id, name: row.name, organizations: [] };
		person.organizations.push(
			orgFullName({ name: row.organizationName, shortName: row.organizationShortName })
		);
		people.set(row.id, person);
	}
	return [...people.values()];
}

/** People by id, with whether their account is disabled. */
export async function findUsers(db: Db, ids: readonly number[]) {
	if (ids.length === 0) return [];
	return db
		.selectFrom('user')
		.select(['id', 'name', 'disabledAt'])
		.where('id', 'in', [...ids])
		.execute();
}

/** Which of these people belong to at least one of these organisations. */
export async function membersAmong(
	db: Db,
	userIds: readonly number[],
	orgIds: readonly number[]
): Promise<Set<number>> {
	if (userIds.length === 0 || orgIds.length === 0) return new Set();
	const rows = await db
		.selectFrom('membership')
		.select('userId')
		.distinct()
		.where('userId', 'in', [...userIds])
		.where('organizationId', 'in', [...orgIds])
		.execute();
	return new Set(rows.map((r) => r.userId));
}

type Link = { organizationId: number; role: 'lead' | 'partner' };

/**
 * Writes the card's organisations as a diff. Removals go first: a partner that becomes the lead
 * (or the reverse) is one row deleted and one inserted, and the one-lead index never sees two.
 */
export async function writeOrganizations(
	trx: Db,
	cardId: number,
	before: readonly Link[],
	after: readonly Link[]
) {
	const key = (l: Link) => `${l.organizationId}:${l.role}`;
	const kept = new Set(after.map(key));
	const had = new Set(before.map(key));
	const removed = before.filter((l) => !kept.has(key(l))).map((l) => l.organizationId);
	const added = after.filter((l) => !had.has(key(l)));
	if (removed.length > 0)
		await trx
			.deleteFrom('cardOrganization')
			.where('cardId', '=', cardId)
			.where('organizationId', 'in', removed)
			.execute();
	if (added.length > 0)
		await trx
			.insertInto('cardOrganization')
			.values(added.map((l) => ({ cardId, ...l })))
			.execute();
}

/** Writes the card's assignees as a diff: removed rows deleted, new ones inserted. */
export async function writeAssignees(
	trx: Db,
	cardId: number,
	before: readonly number[],
	after: readonly number[]
) {
	const removed = before.filter((id) => !after.includes(id));
	const added = after.filter((id) => !before.includes(id));
	if (removed.length > 0)
		await trx
			.deleteFrom('cardAssignee')
			.where('cardId', '=', cardId)
			.where('userId', 'in', removed)
			.execute();
	if (added.length > 0)
		await trx
			.insertInto('cardAssignee')
			.values(added.map((userId) => ({ cardId, userId })))
			.execute();
}

/** Bumps a card's version if it is still at `version`; undefined when it is not. */
export function bumpCardVersion(trx: Db, cardId: number, version: number) {
	return trx
		.updateTable('card')
		.set({ version: version + 1, updatedAt: new Date() })
		.where('id', '=', cardId)
		.where('version', '=', version)
		.returning(['id', 'version'])
		.executeTakeFirst();
}
