import { sql } from 'kysely';
import { DEFAULT_COLUMNS } from '../../../db/seed/boards-data';
import { COORDINATOR, SAMPLE_NGOS } from '../../../db/seed/organizations';
import { CITY_CURRENT_SLUG } from '../../../db/seed/strategies';
import { positionsAfter } from '../../../src/lib/domain/position';
import { loadViewer, type Actor } from '../../../src/lib/server/auth/policy';
import type { Db } from '../../../src/lib/server/db';
import type { ColumnStatus } from '../../../src/lib/server/db/schema';
import type { Random } from './stats';

// A board at Trello's cap, owned by the coordinating department, built straight into the tables in
// batches: creating cards is not what is measured, and 5,000 service calls would take minutes.
// Runs after seedDatabase (demo), which provides the organisations, the strategy and the people.

/** Share of the cards in each default column: a board a year or two into its strategy. */
const SPREAD: Record<ColumnStatus, number> = {
	todo: 0.3,
	in_progress: 0.25,
	blocked: 0.1,
	done: 0.35
};
const BATCH = 500;
const STAFF = 20;

const VERBS = ['Przygotowanie', 'Wdrożenie', 'Analiza', 'Konsultacje społeczne', 'Modernizacja'];
const OBJECTS = [
	'programu rewitalizacji Bydgoskiego Przedmieścia',
	'sieci dróg rowerowych na prawym brzegu Wisły',
	'systemu informacji pasażerskiej',
	'oferty zajęć pozalekcyjnych w szkołach podstawowych',
	'planu adaptacji miasta do zmian klimatu',
	'centrum aktywności lokalnej na Rubinkowie',
	'cyfrowego obiegu dokumentów w urzędzie',
	'programu współpracy z organizacjami pozarządowymi'
];
const LABELS = ['rewitalizacja', 'mobilność', 'edukacja', 'klimat', 'cyfryzacja', 'UE'];
const MORE_LABELS = ['partycypacja', 'budżet obywatelski', 'kultura', 'sport', 'pilne', 'ZIT'];
const PRIORITIES = ['low', 'normal', 'normal', 'normal', 'high', 'urgent'] as const;

export interface BigBoard {
	id: number;
	columns: { id: number; status: ColumnStatus }[];
	/** Card id → column id, for the moves. */
	cardColumns: Map<number, number>;
	coordinator: Actor;
	/** A member (not a manager, not staff) of the owning department: the filtered path. */
	member: Actor;
	/** A member of an NGO that partners some of the cards. */
	partner: Actor;
	counts: { cards: number; partners: number; assignees: number };
	/** Adds cards to the board as it was built (for loads compared at two sizes). */
	addCards(count: number): Promise<void>;
}

type World = Awaited<ReturnType<typeof lookups>>;

function isoDay(offset: number) {
	return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
	for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function lookups(db: Db) {
	const orgs = await db.selectFrom('organization').select(['id', 'name', 'kind']).execute();
	const owner = orgs.find((o) => o.name === COORDINATOR)!;
	const ngo = orgs.find((o) => o.name === SAMPLE_NGOS[0]!.name)!;
	const strategy = await db
		.selectFrom('strategy')
		.select('id')
		.where('slug', '=', CITY_CURRENT_SLUG)
		.executeTakeFirstOrThrow();
	const tasks = await db
		.selectFrom('goal')
		.select('id')
		.where('strategyId', '=', strategy.id)
		.where('level', '=', 'task')
		.execute();
	const people = await db
		.selectFrom('user')
		.select(['id', 'role', 'email'])
		.where('email', 'in', ['koordynator@torun.example', 'ngo@torun.example'])
		.execute();
	const person = (email: string) => people.find((p) => p.email === email)!;
	return {
		owner,
		ngo,
		others: orgs.filter((o) => o.id !== owner.id),
		strategyId: strategy.id,
		taskIds: tasks.map((t) => t.id),
		coordinator: person('koordynator@torun.example'),
		partner: person('ngo@torun.example')
	};
}

/** The department's staff: the people cards are assigned to; the first is the measured member. */
async function insertStaff(db: Db, ownerId: number) {
	const staff = await db
		.insertInto('user')
		.values(
			Array.from({ length: STAFF }, (_, i) => ({
				email: `bench.staff${i + 1}@torun.example`,
				name: `Pracownik Wydziału ${String(i + 1).padStart(2, '0')}`,
				passwordHash: 'x',
				role: 'member' as const
			}))
		)
		.returning(['id', 'role'])
		.execute();
	await db
		.insertInto('membership')
		.values(staff.map((s) => ({ userId: s.id, organizationId: ownerId, role: 'member' as const })))
		.execute();
	return staff;
}

/** Adds `cardCount` cards to the board, spread over its columns after the cards already there. */
async function addCards(
	db: Db,
	world: World,
	board: { id: number; columns: BigBoard['columns'] },
	staff: { id: number }[],
	cardCount: number,
	rnd: Random
) {
	const last = await db
		.selectFrom('card')
		.select(['columnId', (eb) => eb.fn.max('position').as('position')])
		.where('boardId', '=', board.id)
		.groupBy('columnId')
		.execute();
	const planned = board.columns.flatMap((column) => {
		const n = Math.round(cardCount * SPREAD[column.status]);
		const after = last.find((l) => l.columnId === column.id)?.position ?? null;
		return positionsAfter(after, n).map((position) => ({ columnId: column.id, position }));
	});
	planned.length = Math.min(planned.length, cardCount);
	const cardRows = planned.map(({ columnId, position }, i) => {
		const start = rnd.chance(0.7) ? rnd.int(-400, 120) : null;
		const due = rnd.chance(0.7) ? (start ?? rnd.int(-200, 100)) + rnd.int(7, 300) : null;
		const labels = [rnd.pick(LABELS), rnd.pick(MORE_LABELS), rnd.pick(LABELS)];
		return {
			boardId: board.id,
			columnId,
			goalId: rnd.pick(world.taskIds),
			title: `${rnd.pick(VERBS)} ${rnd.pick(OBJECTS)} — etap ${(i % 12) + 1}`,
			description: `Zakres: ${rnd.pick(OBJECTS)}.\n\n- harmonogram\n- budżet\n- partnerzy`,
			position,
			priority: rnd.pick(PRIORITIES),
			labels: [...new Set(labels.slice(0, rnd.int(0, 3)))],
			startDate: start === null ? null : isoDay(start),
			dueDate: due === null ? null : isoDay(due),
			createdBy: world.coordinator.id
		};
	});
	const ids = new Map<string, number>();
	await inBatches(cardRows, async (batch) => {
		const rows = await db
			.insertInto('card')
			.values(batch)
			.returning(['id', 'columnId', 'position'])
			.execute();
		for (const r of rows) ids.set(`${r.columnId}:${r.position}`, r.id);
	});
	const cards = planned.map((p) => ({ id: ids.get(`${p.columnId}:${p.position}`)!, ...p }));

	// Most cards are led by the owner; a partner on about a third; people only from the lead.
	const links: { cardId: number; organizationId: number; role: 'lead' | 'partner' }[] = [];
	const assignees: { cardId: number; userId: number }[] = [];
	for (const card of cards) {
		const leadId = rnd.chance(0.75) ? world.owner.id : rnd.pick(world.others).id;
		links.push({ cardId: card.id, organizationId: leadId, role: 'lead' });
		if (rnd.chance(0.35)) {
			const partnerId = rnd.chance(0.2) ? world.ngo.id : rnd.pick(world.others).id;
			if (partnerId !== leadId)
				links.push({ cardId: card.id, organizationId: partnerId, role: 'partner' });
		}
		if (leadId === world.owner.id && rnd.chance(0.7)) {
			const people = new Set([rnd.pick(staff).id, rnd.pick(staff).id].slice(0, rnd.int(1, 2)));
			for (const userId of people) assignees.push({ cardId: card.id, userId });
		}
	}
	await inBatches(links, (batch) => db.insertInto('cardOrganization').values(batch).execute());
	await inBatches(assignees, (batch) => db.insertInto('cardAssignee').values(batch).execute());
	// The audit trail a real board would have: one "created" event a card.
	await inBatches(cards, (batch) =>
		db
			.insertInto('event')
			.values(
				batch.map((c) => ({
					actorId: world.coordinator.id,
					type: 'card.created',
					entityType: 'card',
					entityId: c.id,
					boardId: board.id,
					cardId: c.id,
					payload: JSON.stringify({ columnId: c.columnId })
				}))
			)
			.execute()
	);
	return { cards, partners: links.length - cards.length, assignees: assignees.length };
}

export async function buildBigBoard(db: Db, cardCount: number, rnd: Random): Promise<BigBoard> {
	const world = await lookups(db);
	const staff = await insertStaff(db, world.owner.id);
	const board = await db
		.insertInto('board')
		.values({
			title: `Tablica obciążeniowa (${cardCount} kart)`,
			description: 'Benchmark: a board at the card cap.',
			ownerOrganizationId: world.owner.id,
			strategyId: world.strategyId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('boardOrganization')
		.values({ boardId: board.id, organizationId: world.owner.id })
		.execute();
	const columnKeys = positionsAfter(null, DEFAULT_COLUMNS.length);
	const columns = await db
		.insertInto('boardColumn')
		.values(DEFAULT_COLUMNS.map((c, i) => ({ boardId: board.id, ...c, position: columnKeys[i]! })))
		.returning(['id', 'status'])
		.execute();

	const added = await addCards(db, world, { id: board.id, columns }, staff, cardCount, rnd);
	// Fresh statistics, as autovacuum would have gathered on a board that grew over months.
	await sql`analyze`.execute(db);

	// As the app does: a request's user carries its memberships, read with the session.
	const [coordinator, member, partner] = await Promise.all(
		[world.coordinator, staff[0]!, world.partner].map((actor) => loadViewer(db, actor))
	);
	const big: BigBoard = {
		id: board.id,
		columns,
		cardColumns: new Map(added.cards.map((c) => [c.id, c.columnId])),
		coordinator: coordinator!,
		member: member!,
		partner: partner!,
		counts: { cards: added.cards.length, partners: added.partners, assignees: added.assignees },
		async addCards(count: number) {
			const more = await addCards(db, world, { id: board.id, columns }, staff, count, rnd);
			for (const c of more.cards) big.cardColumns.set(c.id, c.columnId);
			await sql`analyze`.execute(db);
		}
	};
	return big;
}
