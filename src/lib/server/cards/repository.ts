import { sql, type Kysely, type Transaction } from 'kysely';
import type { Viewer } from '../auth/policy';
import { cardVisibleTo } from '../boards/repository';
import type { Database } from '../db/schema';
import { cardMatches } from './filters';
import { cardFilterSchema, type CardFilters } from '$lib/schemas/filters';

const NO_FILTERS: CardFilters = cardFilterSchema.parse({});

type Executor = Kysely<Database> | Transaction<Database>;

const PRIORITY_RANK = sql<number>`case card.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** What a tile or a row of the list shows, for the cards that `where` selects. */
function cardRows(db: Executor, viewer: Viewer, filters: CardFilters) {
	return db
		.selectFrom('card')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.leftJoin('goal', 'goal.id', 'card.goalId')
		.leftJoin('cardOrganization as lead', (join) =>
			join.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.leftJoin('organization as leadOrg', 'leadOrg.id', 'lead.organizationId')
		.select([
			'card.id',
			'card.boardId',
			'board.title as boardTitle',
			'card.columnId',
			'boardColumn.title as columnTitle',
			'boardColumn.status',
			'card.title',
			'card.position',
			'card.version',
			'card.priority',
			'card.labels',
			'card.startDate',
			'card.dueDate',
			'card.updatedAt',
			'goal.code as goalCode',
			'goal.title as goalTitle',
			'leadOrg.name as leadName',
			'leadOrg.shortName as leadShortName'
		])
		.where('card.archivedAt', filters.archived ? 'is not' : 'is', null)
		.where(cardVisibleTo(viewer))
		.where(cardMatches(filters, viewer.id));
}

/** Orders the rows as the list view asks; the board view keeps the cards' own order. */
function sorted<T extends ReturnType<typeof cardRows>>(query: T, filters: CardFilters): T {
	const dir = filters.dir;
	switch (filters.sort) {
		case 'title':
			return query.orderBy('card.title', dir).orderBy('card.id') as T;
		case 'due':
			return query.orderBy(sql`card.due_date ${sql.raw(dir)} nulls last`).orderBy('card.id') as T;
		case 'priority':
			return query.orderBy(PRIORITY_RANK, dir).orderBy('card.id') as T;
		case 'updated':
			return query.orderBy('card.updatedAt', dir).orderBy('card.id') as T;
		case 'column':
			return query
				.orderBy('boardColumn.position', dir)
				.orderBy('card.position')
				.orderBy('card.id') as T;
		default:
			return query.orderBy('card.position').orderBy('card.id') as T;
	}
}

async function withAssignees<T extends { id: number }>(db: Executor, cards: T[]) {
	const assignees = await listAssignees(
		db,
		cards.map((c) => c.id)
	);
	return cards.map((c) => ({ ...c, assignees: assignees.get(c.id) ?? [] }));
}

/** The live cards of a board the viewer may see and the filters select. */
export async function listBoardCards(
	db: Executor,
	boardId: number,
	viewer: Viewer,
	filters: CardFilters = NO_FILTERS
) {
	const query = cardRows(db, viewer, filters).where('card.boardId', '=', boardId);
	return withAssignees(db, await sorted(query, filters).execute());
}

/**
 * "My work": cards assigned to me or led or partnered by my organisations, on every board,
 * overdue first, then by due date.
 */
export async function listMyWork(db: Executor, viewer: Viewer, filters: CardFilters) {
	const orgIds = [...viewer.orgs.keys()];
	const mine = cardRows(db, viewer, filters)
		.where((eb) =>
			eb.or([
				eb.exists(
					eb
						.selectFrom('cardAssignee as mine')
						.select(sql`1`.as('one'))
						.whereRef('mine.cardId', '=', 'card.id')
						.where('mine.userId', '=', viewer.id)
				),
				...(orgIds.length
					? [
							eb.exists(
								eb
									.selectFrom('cardOrganization as ours')
									.select(sql`1`.as('one'))
									.whereRef('ours.cardId', '=', 'card.id')
									.where('ours.organizationId', 'in', orgIds)
							)
						]
					: [])
			])
		)
		.limit(500);
	const ordered =
		filters.sort === 'position'
			? mine
					.orderBy(
						sql`case when card.due_date < current_date and board_column.status <> 'done' then 0 else 1 end`
					)
					.orderBy(sql`card.due_date asc nulls last`)
					.orderBy('card.id')
			: sorted(mine, filters);
	return withAssignees(db, await ordered.execute());
}

/** How many live cards each column holds that the viewer may see, whatever the filters. */
export async function countByColumn(db: Executor, boardId: number, viewer: Viewer) {
	const rows = await db
		.selectFrom('card')
		.select(['card.columnId', sql<number>`count(*)::int`.as('n')])
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(cardVisibleTo(viewer))
		.groupBy('card.columnId')
		.execute();
	return new Map(rows.map((r) => [r.columnId, Number(r.n)]));
}

async function listAssignees(db: Executor, cardIds: number[]) {
	const byCard = new Map<number, { id: number; name: string }[]>();
	if (cardIds.length === 0) return byCard;
	const rows = await db
		.selectFrom('cardAssignee')
		.innerJoin('user', 'user.id', 'cardAssignee.userId')
		.select(['cardAssignee.cardId', 'user.id', 'user.name'])
		.where('cardAssignee.cardId', 'in', cardIds)
		.orderBy('user.name')
		.execute();
	for (const row of rows) {
		const list = byCard.get(row.cardId) ?? [];
		list.push({ id: row.id, name: row.name });
		byCard.set(row.cardId, list);
	}
	return byCard;
}

/** A card with the facts the access rules need (its organisations), or undefined. */
export async function findCard(db: Executor, id: number) {
	const card = await db.selectFrom('card').selectAll().where('id', '=', id).executeTakeFirst();
	if (!card) return undefined;
	const orgs = await db
		.selectFrom('cardOrganization')
		.innerJoin('organization', 'organization.id', 'cardOrganization.organizationId')
		.select(['organization.id', 'organization.name', 'organization.kind', 'cardOrganization.role'])
		.where('cardOrganization.cardId', '=', id)
		.orderBy('cardOrganization.role')
		.orderBy('organization.name')
		.execute();
	const assignees = (await listAssignees(db, [id])).get(id) ?? [];
	return {
		...card,
		orgs,
		assignees,
		leadId: orgs.find((o) => o.role === 'lead')?.id ?? null,
		partnerIds: orgs.filter((o) => o.role === 'partner').map((o) => o.id)
	};
}

export function findColumn(db: Executor, id: number) {
	return db.selectFrom('boardColumn').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The smallest position in a column after `after` (null: the first), the moving card aside. */
export async function nextPosition(
	db: Executor,
	columnId: number,
	after: string | null,
	exceptCardId: number | null
) {
	const row = await db
		.selectFrom('card')
		.select('position')
		.where('columnId', '=', columnId)
		.$if(after !== null, (qb) => qb.where('position', '>', after!))
		.$if(exceptCardId !== null, (qb) => qb.where('id', '!=', exceptCardId!))
		.orderBy('position')
		.limit(1)
		.executeTakeFirst();
	return row?.position ?? null;
}

/** The last position in a column, for a card added at its end. */
export async function lastPosition(db: Executor, columnId: number) {
	const row = await db
		.selectFrom('card')
		.select('position')
		.where('columnId', '=', columnId)
		.orderBy('position', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.position ?? null;
}

export async function countLiveCards(db: Executor, columnId: number) {
	const row = await db
		.selectFrom('card')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('columnId', '=', columnId)
		.where('archivedAt', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The goal with its ancestors, top down: the chain a card shows (strategic → operational → task). */
export async function goalChain(db: Executor, goalId: number) {
	const rows = await sql<{
		id: number;
		parentId: number | null;
		level: string;
		code: string | null;
		title: string;
		strategyId: number;
		depth: number;
	}>`
		with recursive chain as (
			select id, parent_id, level, code, title, strategy_id, 0 as depth from goal where id = ${goalId}
			union all
			select g.id, g.parent_id, g.level, g.code, g.title, g.strategy_id, chain.depth + 1
			from goal g join chain on g.id = chain.parent_id
		)
		select id, parent_id as "parentId", level, code, title, strategy_id as "strategyId", depth
		from chain order by depth desc`.execute(db);
	return rows.rows;
}

/** What the filters of a board offer: the organisations, people and labels on its visible cards. */
export async function filterOptions(db: Executor, boardId: number, viewer: Viewer) {
	const visible = db
		.selectFrom('card')
		.select('card.id')
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(cardVisibleTo(viewer));
	const [orgs, people, labels] = await Promise.all([
		db
			.selectFrom('cardOrganization')
			.innerJoin('organization', 'organization.id', 'cardOrganization.organizationId')
			.select(['organization.id', 'organization.name'])
			.distinct()
			.where('cardOrganization.cardId', 'in', visible)
			.orderBy('organization.name')
			.execute(),
		db
			.selectFrom('cardAssignee')
			.innerJoin('user', 'user.id', 'cardAssignee.userId')
			.select(['user.id', 'user.name'])
			.distinct()
			.where('cardAssignee.cardId', 'in', visible)
			.orderBy('user.name')
			.execute(),
		db
			.selectFrom('card')
			.select(sql<string>`unnest(card.labels)`.as('label'))
			.distinct()
			.where('card.id', 'in', visible)
			.orderBy('label')
			.execute()
	]);
	return { orgs, people, labels: labels.map((l) => l.label) };
}
