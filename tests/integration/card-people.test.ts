import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import {
	cardPeopleOptions,
	setAssignees,
	setOrganizations
} from '../../src/lib/server/cards/people';
import { getCard } from '../../src/lib/server/cards/service';
import {
	ConflictError,
	DomainError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/errors';
import {
	assignPeople,
	countPeopleRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let board: Awaited<ReturnType<typeof makeBoard>>;
let joint: Awaited<ReturnType<typeof makeBoard>>;
const orgs: Record<string, { id: number; name: string }> = {};
const people: Record<string, Actor & { name: string }> = {};

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	orgs.dept = await makeOrg(t.db, 'city_department');
	orgs.ngoA = await makeOrg(t.db, 'ngo');
	orgs.ngoB = await makeOrg(t.db, 'ngo');
	orgs.group = await makeOrg(t.db, 'informal_group');
	orgs.county = await makeOrg(t.db, 'county');
	orgs.muniX = await makeOrg(t.db, 'municipality');
	orgs.muniY = await makeOrg(t.db, 'municipality');
	const person = async (
		memberships: [number, 'member' | 'manager'][],
		role = 'member' as const
	) => {
		const actor = await makePerson(t.db, role, memberships);
		const { name } = await t.db
			.selectFrom('user')
			.select('name')
			.where('id', '=', actor.id)
			.executeTakeFirstOrThrow();
		return { ...actor, name };
	};
	people.dept = await person([[orgs.dept.id, 'member']]);
	people.ngoA = await person([[orgs.ngoA.id, 'member']]);
	people.ngoB = await person([[orgs.ngoB.id, 'member']]);
	people.county = await person([[orgs.county.id, 'member']]);
	board = await makeBoard(t.db, orgs.dept.id, s.id);
	joint = await makeBoard(t.db, orgs.county.id, s.id, [orgs.muniX.id, orgs.muniY.id]);
});
afterAll(() => t.destroy());

const version = async (cardId: number) =>
	(
		await t.db
			.selectFrom('card')
			.select('version')
			.where('id', '=', cardId)
			.executeTakeFirstOrThrow()
	).version;
const lastEvent = (cardId: number) =>
	t.db
		.selectFrom('event')
		.select(['type', 'payload', 'actorId'])
		.where('cardId', '=', cardId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirstOrThrow();
const linksOf = async (cardId: number) =>
	(
		await t.db
			.selectFrom('cardOrganization')
			.select(['organizationId', 'role'])
			.where('cardId', '=', cardId)
			.orderBy('organizationId')
			.execute()
	)
		.map((r) => `${r.role}:${r.organizationId}`)
		.sort();
const assigneesOf = async (cardId: number) =>
	(await getCard(t.db, people.dept!, cardId)).card.assignees.map((a) => a.id).sort();
/** A card of the department's board led by the department, with the NGO A as partner. */
const deptCard = () => makeCard(t.db, board, board.columns[0], orgs.dept!.id, [orgs.ngoA!.id]);

/** What a refusal tells the asker: everything the form's answer is made of. */
const answer = (err: ValidationError) => ({
	status: err.status,
	field: err.field,
	key: err.key,
	params: err.params
});

/** Expects the call to be refused with this error, having written no row at all. */
async function refused<E extends DomainError>(
	call: () => Promise<unknown>,
	type: abstract new (...args: never[]) => E,
	cardId: number,
	key?: string
) {
	const [rows, v] = [await countPeopleRows(t.db), await version(cardId)];
	const err = await call().then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(type);
	if (key) expect((err as E).key).toBe(key);
	expect(await countPeopleRows(t.db)).toEqual(rows);
	expect(await version(cardId)).toBe(v);
	return err as E;
}

describe("a card's organisations", () => {
	it('adds a partner and changes the lead, bumping the version with one event each', async () => {
		const card = await deptCard();
		const events = (await countPeopleRows(t.db)).events;
		const saved = await setOrganizations(t.db, people.dept!, card.id, {
			version: card.version,
			leadId: orgs.dept!.id,
			partnerIds: [orgs.ngoA!.id, orgs.group!.id]
		});
		expect(saved.version).toBe(card.version + 1);
		expect(await linksOf(card.id)).toEqual(
			[`lead:${orgs.dept!.id}`, `partner:${orgs.ngoA!.id}`, `partner:${orgs.group!.id}`].sort()
		);
		// The NGO takes the lead; the department becomes a partner; the informal group leaves.
		const swapped = await setOrganizations(t.db, people.dept!, card.id, {
			version: saved.version,
			leadId: orgs.ngoA!.id,
			partnerIds: [orgs.dept!.id]
		});
		expect(swapped.version).toBe(card.version + 2);
		expect(await linksOf(card.id)).toEqual(
			[`lead:${orgs.ngoA!.id}`, `partner:${orgs.dept!.id}`].sort()
		);
		expect((await countPeopleRows(t.db)).events).toBe(events + 2);
		const event = await lastEvent(card.id);
		expect(event.type).toBe('card.organizations_changed');
		expect(event.actorId).toBe(people.dept!.id);
		expect(event.payload).toMatchObject({
			before: {
				lead: { id: orgs.dept!.id, name: orgs.dept!.name },
				partners: expect.arrayContaining([{ id: orgs.group!.id, name: orgs.group!.name }])
			},
			after: {
				lead: { id: orgs.ngoA!.id, name: orgs.ngoA!.name },
				partners: [{ id: orgs.dept!.id, name: orgs.dept!.name }]
			}
		});
	});

	it('refuses on a joint board an organisation that does not take part', async () => {
		const card = await makeCard(t.db, joint, joint.columns[0], orgs.county!.id, [orgs.muniX!.id]);
		const err = await refused(
			() =>
				setOrganizations(t.db, people.county!, card.id, {
					version: card.version,
					leadId: orgs.county!.id,
					partnerIds: [orgs.muniX!.id, orgs.ngoA!.id]
				}),
			ValidationError,
			card.id,
			'card_people_not_participant'
		);
		expect(err.field).toBe('partnerIds');
		// Naming nobody, and the same for an id no organisation has.
		expect(err.params).toEqual({});
		const unknown = await refused(
			() =>
				setOrganizations(t.db, people.county!, card.id, {
					version: card.version,
					leadId: orgs.county!.id,
					partnerIds: [orgs.muniX!.id, 999_999]
				}),
			ValidationError,
			card.id
		);
		expect(answer(unknown)).toEqual(answer(err));
		await setOrganizations(t.db, people.county!, card.id, {
			version: card.version,
			leadId: orgs.county!.id,
			partnerIds: [orgs.muniX!.id, orgs.muniY!.id]
		});
		expect(await linksOf(card.id)).toHaveLength(3);
	});

	it('refuses the lead as a partner and an organisation that does not exist', async () => {
		const card = await deptCard();
		const input = { version: card.version, leadId: orgs.dept!.id };
		await refused(
			() =>
				setOrganizations(t.db, people.dept!, card.id, { ...input, partnerIds: [orgs.dept!.id] }),
			ValidationError,
			card.id,
			'card_people_lead_is_partner'
		);
		await refused(
			() => setOrganizations(t.db, people.dept!, card.id, { ...input, partnerIds: [999_999] }),
			ValidationError,
			card.id,
			'card_people_unknown_organization'
		);
	});

	it('refuses removing a partner whose members are assigned, naming them', async () => {
		const card = await deptCard();
		await assignPeople(t.db, card.id, [people.ngoA!.id, people.dept!.id]);
		const err = await refused(
			() =>
				setOrganizations(t.db, people.dept!, card.id, {
					version: card.version,
					leadId: orgs.dept!.id,
					partnerIds: []
				}),
			ValidationError,
			card.id,
			'card_people_assignees_stranded'
		);
		expect(err.params.names).toBe(people.ngoA!.name);
	});
});

describe("a card's assignees", () => {
	it('assigns members of the lead and the partners, with the version and one event', async () => {
		const card = await deptCard();
		const saved = await setAssignees(t.db, people.dept!, card.id, {
			version: card.version,
			userIds: [people.dept!.id, people.ngoA!.id]
		});
		expect(saved.version).toBe(card.version + 1);
		expect(await assigneesOf(card.id)).toEqual([people.dept!.id, people.ngoA!.id].sort());
		const event = await lastEvent(card.id);
		expect(event.type).toBe('card.assignees_changed');
		expect(event.payload).toMatchObject({ before: [], after: expect.any(Array) });
		expect(
			(event.payload as { after: { name: string }[] }).after.map((a) => a.name).sort()
		).toEqual([people.dept!.name, people.ngoA!.name].sort());
	});

	it('refuses a person outside the card’s organisations naming nobody, as it refuses an id nobody has', async () => {
		const card = await deptCard();
		// Hidden from the asker: a member of an organisation with nothing to do with the card.
		const err = await refused(
			() =>
				setAssignees(t.db, people.dept!, card.id, {
					version: card.version,
					userIds: [people.dept!.id, people.ngoB!.id]
				}),
			ValidationError,
			card.id,
			'card_people_not_member'
		);
		expect(err.params).toEqual({});
		expect(JSON.stringify(answer(err))).not.toContain(people.ngoB!.name);
		const hidden = await makePerson(t.db, 'member', []);
		const disabledOutsider = await makePerson(t.db, 'member', [[orgs.ngoB!.id, 'member']]);
		await t.db
			.updateTable('user')
			.set({ disabledAt: new Date() })
			.where('id', '=', disabledOutsider.id)
			.execute();
		for (const id of [999_999, hidden.id, disabledOutsider.id]) {
			const other = await refused(
				() => setAssignees(t.db, people.dept!, card.id, { version: card.version, userIds: [id] }),
				ValidationError,
				card.id
			);
			expect(answer(other), `user ${id}`).toEqual(answer(err));
		}
	});

	it('names a disabled member of the card’s organisations, whom the asker sees', async () => {
		const card = await deptCard();
		const member = await makePerson(t.db, 'member', [[orgs.ngoA!.id, 'member']]);
		const { name } = await t.db
			.updateTable('user')
			.set({ disabledAt: new Date() })
			.where('id', '=', member.id)
			.returning('name')
			.executeTakeFirstOrThrow();
		const err = await refused(
			() =>
				setAssignees(t.db, people.dept!, card.id, { version: card.version, userIds: [member.id] }),
			ValidationError,
			card.id,
			'card_people_person_disabled'
		);
		expect(err.params.names).toBe(name);
	});

	it('lets a partner member assign and unassign themself, and nothing more', async () => {
		const card = await deptCard();
		await refused(
			() =>
				setOrganizations(t.db, people.ngoA!, card.id, {
					version: card.version,
					leadId: orgs.dept!.id,
					partnerIds: []
				}),
			ForbiddenError,
			card.id
		);
		const mine = await setAssignees(t.db, people.ngoA!, card.id, {
			version: card.version,
			userIds: [people.ngoA!.id]
		});
		expect(await assigneesOf(card.id)).toEqual([people.ngoA!.id]);
		await refused(
			() =>
				setAssignees(t.db, people.ngoA!, card.id, {
					version: mine.version,
					userIds: [people.ngoA!.id, people.dept!.id]
				}),
			ForbiddenError,
			card.id,
			'card_people_only_yourself'
		);
		await setAssignees(t.db, people.ngoA!, card.id, { version: mine.version, userIds: [] });
		expect(await assigneesOf(card.id)).toEqual([]);
	});
});

describe('refusals', () => {
	it('answers a stale version with 409 for both changes', async () => {
		const card = await deptCard();
		await setAssignees(t.db, people.dept!, card.id, {
			version: card.version,
			userIds: [people.dept!.id]
		});
		const stale = await refused(
			() =>
				setOrganizations(t.db, people.dept!, card.id, {
					version: card.version,
					leadId: orgs.dept!.id,
					partnerIds: []
				}),
			ConflictError,
			card.id,
			'card_stale'
		);
		expect(stale.status).toBe(409);
		await refused(
			() => setAssignees(t.db, people.dept!, card.id, { version: card.version, userIds: [] }),
			ConflictError,
			card.id,
			'card_stale'
		);
	});

	it('answers 404 to someone who cannot see the card', async () => {
		const card = await deptCard();
		await refused(
			() =>
				setOrganizations(t.db, people.ngoB!, card.id, {
					version: card.version,
					leadId: orgs.ngoB!.id,
					partnerIds: []
				}),
			NotFoundError,
			card.id
		);
		await refused(
			() =>
				setAssignees(t.db, people.ngoB!, card.id, {
					version: card.version,
					userIds: [people.ngoB!.id]
				}),
			NotFoundError,
			card.id
		);
	});
});

describe('what the card dialog offers', () => {
	it('offers a joint board’s participants only, elsewhere every organisation by kind', async () => {
		const jointCard = await makeCard(t.db, joint, joint.columns[0], orgs.county!.id);
		const onJoint = await cardPeopleOptions(t.db, people.county!, {
			...(await getCard(t.db, people.county!, jointCard.id))
		});
		const ids = (o: typeof onJoint) =>
			o.organizations.flatMap((g) => g.organizations.map((x) => x.id));
		expect(ids(onJoint).sort()).toEqual([orgs.county!.id, orgs.muniX!.id, orgs.muniY!.id].sort());
		expect(onJoint.people.map((p) => p.id)).toEqual([people.county!.id]);

		const card = await deptCard();
		const onDept = await cardPeopleOptions(
			t.db,
			people.dept!,
			await getCard(t.db, people.dept!, card.id)
		);
		expect(ids(onDept)).toEqual(expect.arrayContaining([orgs.ngoB!.id, orgs.group!.id]));
		expect(onDept.organizations[0]!.kind).toBe('city_department');
		expect(onDept.people.map((p) => p.id).sort()).toEqual(
			[people.dept!.id, people.ngoA!.id].sort()
		);
		// A partner's member gets no forms, only the button for themself.
		const forPartner = await cardPeopleOptions(
			t.db,
			people.ngoA!,
			await getCard(t.db, people.ngoA!, card.id)
		);
		expect(forPartner).toMatchObject({ canEdit: false, canAssignSelf: true, organizations: [] });
	});
});
