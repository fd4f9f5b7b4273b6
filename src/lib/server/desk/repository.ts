import { sql, type ExpressionBuilder } from 'kysely';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import type { Database } from '../db/schema';

// The desk's own queries: a person's cards coming due, the boards they work on, and the staff's
// overview of the whole strategy. Each keeps to what the viewer may see (visible.card, .board).

/** How far ahead "due this week" looks, in days. */
export const DESK_DUE_DAYS = 7;
export const DESK_ROWS = 6;

const day = (today: string) => sql<string>`${today}::date`;

/**
 * The live, unfinished cards assigned to the viewer that are overdue or due within the week of
 * `today`, the most pressing first, with how many there are in all.
 */
export function dueCardsOf(db: Db, viewer: Viewer, today: string, limit: number) {
	return db
		.selectFrom('card')
		.innerJoin('cardAssignee as mine', 'mine.cardId', 'card.id')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select([
			'card.id',
			'card.title',
			'card.dueDate',
			'card.priority',
			'card.boardId',
			'board.title as boardTitle',
			'boardColumn.title as columnTitle',
			'boardColumn.status',
			sql<number>`(count(*) over ())::int`.as('total')
		])
		.where('mine.userId', '=', viewer.id)
		.where('card.archivedAt', 'is', null)
		.where('boardColumn.status', '!=', 'done')
		.where('card.dueDate', '<=', sql<string>`${day(today)} + ${sql.lit(DESK_DUE_DAYS)}`)
		.where(visible.card(viewer))
		.orderBy('card.dueDate')
		.orderBy('card.id')
		.limit(limit)
		.execute();
}

/**
 * The boards the viewer may open that they work on: those they acted on lately first, then those
 * of their organisations; each with its live cards and its overdue ones the viewer may see.
 */
export function recentBoardsOf(db: Db, viewer: Viewer, today: string, limit: number) {
	const orgIds = [...viewer.orgs.keys()];
	const cards = (eb: ExpressionBuilder<Database, 'board'>, overdue: boolean) =>
		sql<number>`(${eb
			.selectFrom('card')
			.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
			.select((c) => c.fn.countAll().as('n'))
			.whereRef('card.boardId', '=', 'board.id')
			.where('card.archivedAt', 'is', null)
			.where(visible.card(viewer))
			.$if(overdue, (q) =>
				q.where('boardColumn.status', '!=', 'done').where('card.dueDate', '<', day(today))
			)})::int`;
	return db
		.selectFrom('board')
		.leftJoin(
			(eb) =>
				eb
					.selectFrom('event')
					.select(['event.boardId', (e) => e.fn.max('event.occurredAt').as('at')])
					.where('event.actorId', '=', viewer.id)
					.where('event.boardId', 'is not', null)
					.groupBy('event.boardId')
					.as('mine'),
			(join) => join.onRef('mine.boardId', '=', 'board.id')
		)
		.select((eb) => [
			'board.id',
			'board.title',
			'board.isJoint',
			'mine.at as lastActivity',
			cards(eb, false).as('cardCount'),
			cards(eb, true).as('overdueCount'),
			(orgIds.length
				? sql<boolean>`board.owner_organization_id in (${sql.join(orgIds)})`
				: sql<boolean>`false`
			).as('ours')
		])
		.where(visible.board(viewer))
		.orderBy(sql`mine.at desc nulls last`)
		.orderBy(sql`ours`, 'desc')
		.orderBy('board.title')
		.limit(limit)
		.execute();
}

/** The staff's overview: live unfinished cards overdue, and due within the week, on every board. */
export async function strategyOverview(db: Db, viewer: Viewer, today: string) {
	const live = db
		.selectFrom('card')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.where(visible.card(viewer))
		.where('card.archivedAt', 'is', null)
		.where('boardColumn.status', '!=', 'done');
	const row = await live
		.select((eb) => [
			sql<number>`(${eb.fn.countAll().filterWhere('card.dueDate', '<', day(today))})::int`.as(
				'overdue'
			),
			sql<number>`(${eb.fn
				.countAll()
				.filterWhere((w) =>
					w.and([
						w('card.dueDate', '>=', day(today)),
						w('card.dueDate', '<=', sql<string>`${day(today)} + ${sql.lit(DESK_DUE_DAYS)}`)
					])
				)})::int`.as('dueThisWeek'),
			sql<number>`(${eb.fn.countAll().filterWhere('boardColumn.status', '=', 'blocked')})::int`.as(
				'blocked'
			)
		])
		.executeTakeFirstOrThrow();
	return {
		overdue: Number(row.overdue),
		dueThisWeek: Number(row.dueThisWeek),
		blocked: Number(row.blocked)
	};
}
