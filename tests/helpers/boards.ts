import { positionsAfter } from '../../src/lib/domain/position';
import type { Actor } from '../../src/lib/server/auth/policy';
import type { Db } from '../../src/lib/server/db';
import type {
	InstanceRole,
	MembershipRole,
	OrganizationKind
} from '../../src/lib/server/db/schema';

// A small world of organisations, people, a strategy and boards for the board and card tests.
// Every call makes new rows with unique names, so tests sharing a database do not collide.

let seq = 0;
const unique = (name: string) => `${name} ${++seq}`;

export async function makeOrg(db: Db, kind: OrganizationKind, name = kind) {
	return db
		.insertInto('organization')
		.values({ name: unique(name), kind })
		.returning(['id', 'name'])
		.executeTakeFirstOrThrow();
}

export async function makePerson(
	db: Db,
	role: InstanceRole,
	memberships: [orgId: number, role: MembershipRole][] = []
): Promise<Actor> {
	const user = await db
		.insertInto('user')
		.values({
			email: `${unique('p').replace(' ', '')}@example.test`,
			name: unique('Osoba'),
			passwordHash: 'x',
			role
		})
		.returning(['id', 'role'])
		.executeTakeFirstOrThrow();
	for (const [organizationId, membershipRole] of memberships) {
		await db
			.insertInto('membership')
			.values({ userId: user.id, organizationId, role: membershipRole })
			.execute();
	}
	return user;
}

/** A strategy with one strategic goal, one operational goal and two tasks under it. */
export async function makeStrategy(db: Db) {
	const strategy = await db
		.insertInto('strategy')
		.values({
			slug: unique('s').replace(' ', '-'),
			title: unique('Strategia'),
			owner: 'city',
			periodStart: 2020,
			periodEnd: 2028,
			status: 'current'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const goal = (
		parentId: number | null,
		level: 'strategic' | 'operational' | 'task',
		code: string
	) =>
		db
			.insertInto('goal')
			.values({ strategyId: strategy.id, parentId, level, code, title: `Cel ${code}` })
			.returning(['id', 'code'])
			.executeTakeFirstOrThrow();
	const strategic = await goal(null, 'strategic', '1');
	const operational = await goal(strategic.id, 'operational', '1.1');
	const task = await goal(operational.id, 'task', '1.1.1');
	const task2 = await goal(operational.id, 'task', '1.1.2');
	return { id: strategy.id, strategic, operational, task, task2 };
}

export const STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;

/** A board with the four default columns; `participants` join it as on a joint initiative. */
export async function makeBoard(
	db: Db,
	ownerId: number,
	strategyId: number,
	participants: number[] = []
) {
	const board = await db
		.insertInto('board')
		.values({
			title: unique('Tablica'),
			ownerOrganizationId: ownerId,
			strategyId,
			isJoint: participants.length > 0
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const organizationId of [ownerId, ...participants]) {
		await db
			.insertInto('boardOrganization')
			.values({ boardId: board.id, organizationId })
			.execute();
	}
	const keys = positionsAfter(null, STATUSES.length);
	const columns = await db
		.insertInto('boardColumn')
		.values(
			STATUSES.map((status, i) => ({
				boardId: board.id,
				title: status,
				status,
				position: keys[i]!
			}))
		)
		.returning(['id', 'status'])
		.execute();
	return { id: board.id, columns: columns.map((c) => c.id) as [number, number, number, number] };
}

/** A card at the end of a column, with its lead and partners. */
export async function makeCard(
	db: Db,
	board: { id: number },
	columnId: number,
	leadId: number,
	partnerIds: number[] = [],
	extra: { goalId?: number; title?: string } = {}
) {
	const last = await db
		.selectFrom('card')
		.select('position')
		.where('columnId', '=', columnId)
		.orderBy('position', 'desc')
		.limit(1)
		.executeTakeFirst();
	const card = await db
		.insertInto('card')
		.values({
			boardId: board.id,
			columnId,
			title: extra.title ?? unique('Karta'),
			goalId: extra.goalId ?? null,
			position: positionsAfter(last?.position ?? null, 1)[0]!
		})
		.returning(['id', 'version'])
		.executeTakeFirstOrThrow();
	await db
		.insertInto('cardOrganization')
		.values({ cardId: card.id, organizationId: leadId, role: 'lead' })
		.execute();
	for (const organizationId of partnerIds) {
		await db
			.insertInto('cardOrganization')
			.values({ cardId: card.id, organizationId, role: 'partner' })
			.execute();
	}
	return card;
}

export async function countRows(
	db: Db,
	table:
		| 'card'
		| 'event'
		| 'cardOrganization'
		| 'comment'
		| 'notification'
		| 'activityReport'
		| 'indicatorValue'
) {
	const rows = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(rows.n);
}

/** Row counts of what a column change writes, to show that a refused change wrote nothing. */
export async function countColumnRows(db: Db) {
	const columns = await db
		.selectFrom('boardColumn')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return {
		columns: Number(columns.n),
		cards: await countRows(db, 'card'),
		events: await countRows(db, 'event')
	};
}

/** Assigns people to a card directly, as the seed does, for tests that start from assignees. */
export async function assignPeople(db: Db, cardId: number, userIds: number[]) {
	for (const userId of userIds)
		await db.insertInto('cardAssignee').values({ cardId, userId }).execute();
}

/** Row counts of what a change of a card's organisations or people writes. */
export async function countPeopleRows(db: Db) {
	const assignees = await db
		.selectFrom('cardAssignee')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return {
		organizations: await countRows(db, 'cardOrganization'),
		assignees: Number(assignees.n),
		events: await countRows(db, 'event')
	};
}
