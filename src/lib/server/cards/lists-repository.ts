import { sql, type ExpressionBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { cardFilterSchema, type CardFilters } from '$lib/schemas/filters';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { withLead } from '../db/pieces';
import type { Database } from '../db/schema';
import { cardMatches } from './filters-repository';
import { listAssignees } from './repository';

// Cards in lists: the board's tiles, the list view's rows, "my work", and the counts and
// filter options beside them. Every query keeps to the cards the viewer may see.

const NO_FILTERS: CardFilters = cardFilterSchema.parse({});

const PRIORITY_RANK = sql<number>`case card.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** What a tile or a row of the list shows, for the cards that `where` selects. */
function cardRows(db: Db, viewer: Viewer, filters: CardFilters) {
	return (
		db
			.selectFrom('card')
			.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
			.innerJoin('board', 'board.id', 'card.boardId')
			.leftJoin('goal', 'goal.id', 'card.goalId')
			.$call(withLead)
			// What the list's columns show, and the labels "my work" offers as filters. The goal's
			// title is not here: the page holds each goal once.
			.select([
				'card.id',
				'card.boardId',
				'board.title as boardTitle',
				'boardColumn.title as columnTitle',
				'boardColumn.status',
				'card.title',
				'card.priority',
				'card.labels',
				'card.dueDate',
				'card.goalId',
				'goal.code as goalCode',
				'leadOrg.name as leadName',
				'leadOrg.shortName as leadShortName'
			])
			.where('card.archivedAt', filters.archived ? 'is not' : 'is', null)
			.where(visible.card(viewer))
			.where(cardMatches(filters, viewer.id))
	);
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

async function withAssignees<T extends { id: number }>(db: Db, cards: T[]) {
	const assignees = await listAssignees(
		db,
		cards.map((c) => c.id)
	);
	return cards.map((c) => ({ ...c, assignees: assignees.get(c.id) ?? [] }));
}

/** The list view's rows of a board: the cards the viewer may see and the filters select. */
export async function listBoardRows(
	db: Db,
	boardId: number,
	viewer: Viewer,
	filters: CardFilters = NO_FILTERS
) {
	const query = cardRows(db, viewer, filters)
		.where('card.boardId', '=', boardId)
		.limit(filters.rows);
	return withAssignees(db, await sorted(query, filters).execute());
}

/**
 * The board view's tiles: the first `filters.per` cards of each column that the viewer may see
 * and the filters select, with how many match in all. A tile carries ids, not names: the page
 * already holds the goals, organisations and people it points to, and a board of thousands of
 * cards would otherwise send the same names thousands of times.
 */
/** A card as the board sends it: ids, which the page's lists turn into names. */
export type BoardTile = Awaited<ReturnType<typeof listBoardTiles>>[number];

export async function listBoardTiles(
	db: Db,
	boardId: number,
	viewer: Viewer,
	filters: CardFilters
) {
	const ranked = db
		.selectFrom('card')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.leftJoin('cardOrganization as lead', (join) =>
			join.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.select([
			'card.id',
			'card.columnId',
			'card.version',
			'card.position',
			'card.title',
			'card.priority',
			'card.labels',
			'card.dueDate',
			'card.goalId',
			'card.coverAttachmentId',
			'lead.organizationId as leadId',
			sql<number>`(row_number() over (partition by card.column_id order by card.position, card.id))::int`.as(
				'rank'
			),
			sql<number>`(count(*) over (partition by card.column_id))::int`.as('matching')
		])
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.where(cardMatches(filters, viewer.id));
	return db
		.selectFrom(ranked.as('tile'))
		.select([
			'tile.id',
			'tile.columnId',
			'tile.version',
			'tile.position',
			'tile.title',
			'tile.priority',
			'tile.labels',
			'tile.dueDate',
			'tile.goalId',
			'tile.leadId',
			'tile.matching'
		])
		.select([
			sql<
				number[] | null
			>`(select array_agg(a.user_id order by a.user_id) from card_assignee a where a.card_id = tile.id)`.as(
				'assigneeIds'
			),
			// What the tile counts: the comments there are, the reports the viewer may read (all
			// but other people's drafts, as the card's dialog lists them).
			sql<number>`(select count(*) from comment c where c.card_id = tile.id and c.deleted_at is null)::int`.as(
				'comments'
			),
			sql<number>`(select count(*) from activity_report r where r.card_id = tile.id
				and (r.status <> 'draft' or r.author_id = ${viewer.id}))::int`.as('reports'),
			// The cover's thumbnail (a file of the card itself, the route checks who asks), or none.
			sql<
				string | null
			>`(select '/files/' || a.key || '/thumbnail' from attachment a where a.id = tile.cover_attachment_id
				and a.has_thumbnail and a.report_id is null and a.comment_id is null)`.as('cover')
		])
		.where('tile.rank', '<=', filters.per)
		.orderBy('tile.columnId')
		.orderBy('tile.rank')
		.execute();
}

/** Whether a card is "mine": assigned to me, or led or partnered by one of my organisations. */
function isMine(viewer: Viewer) {
	const orgIds = [...viewer.orgs.keys()];
	return (eb: ExpressionBuilder<Database, 'card'>) =>
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
		]);
}

/**
 * "My work": cards assigned to me or led or partnered by my organisations, on every board,
 * overdue first, then by due date; the first `filters.rows` of them, each row with how many
 * match in all.
 */
export async function listMyWork(db: Db, viewer: Viewer, filters: CardFilters) {
	const mine = cardRows(db, viewer, filters)
		.where(isMine(viewer))
		.select(sql<number>`(count(*) over ())::int`.as('total'))
		.limit(filters.rows);
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

/** The labels on my live cards, whatever the filters: what "my work" offers to filter by. */
export async function listMyWorkLabels(db: Db, viewer: Viewer) {
	const rows = await db
		.selectFrom('card')
		.select(sql<string>`unnest(card.labels)`.as('label'))
		.distinct()
		.where('card.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.where(isMine(viewer))
		.execute();
	return rows.map((r) => r.label);
}

/** How many live cards each column holds that the viewer may see, whatever the filters. */
export async function countByColumn(db: Db, boardId: number, viewer: Viewer) {
	const rows = await db
		.selectFrom('card')
		.select(['card.columnId', sql<number>`count(*)::int`.as('n')])
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.groupBy('card.columnId')
		.execute();
	return new Map(rows.map((r) => [r.columnId, Number(r.n)]));
}

/**
 * What the filters of a board offer: the organisations, people and labels on its visible cards,
 * in one statement (each list a JSON array), as every board page asks for them.
 */
export async function filterOptions(db: Db, boardId: number, viewer: Viewer) {
	const visibleHere = db
		.selectFrom('card')
		.select('card.id')
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(visible.card(viewer));
	const options = await db
		.selectNoFrom((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('cardOrganization')
					.innerJoin('organization', 'organization.id', 'cardOrganization.organizationId')
					.select(['organization.id', 'organization.name', 'organization.shortName'])
					.distinct()
					.where('cardOrganization.cardId', 'in', visibleHere)
					.orderBy('organization.name')
			).as('orgs'),
			jsonArrayFrom(
				eb
					.selectFrom('cardAssignee')
					.innerJoin('user', 'user.id', 'cardAssignee.userId')
					.select(['user.id', 'user.name'])
					.distinct()
					.where('cardAssignee.cardId', 'in', visibleHere)
					.orderBy('user.name')
			).as('people'),
			jsonArrayFrom(
				eb
					.selectFrom('card')
					.select(sql<string>`unnest(card.labels)`.as('label'))
					.distinct()
					.where('card.id', 'in', visibleHere)
					.orderBy('label')
			).as('labels')
		])
		.executeTakeFirstOrThrow();
	return {
		orgs: options.orgs,
		people: options.people,
		labels: options.labels.map((l) => l.label)
	};
}
