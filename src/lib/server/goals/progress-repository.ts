import { sql } from 'kysely';
import { visible, type Scope, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { withLead } from '../db/pieces';

// The queries behind goals' progress (progress.ts): cards per goal and status, a goal's cards
// across boards, and the boards' participants; each through the card rule's SQL form.

/**
 * Whether a card (joined with its column as `board_column`) is past its due date and not done;
 * false, not null, for an undated card, so that it also sorts as "not overdue".
 */
export const overdueCard = sql<boolean>`coalesce(card.due_date < current_date and board_column.status <> 'done', false)`;

/** Live cards the scope may see per goal of a strategy and status, with how many are overdue. */
export function cardCountRows(db: Db, scope: Scope, strategyId: number) {
	return db
		.selectFrom('card')
		.innerJoin('goal', 'goal.id', 'card.goalId')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select((eb) => [
			'goal.id as goalId',
			'boardColumn.status',
			eb.cast<number>(eb.fn.countAll(), 'integer').as('count'),
			eb
				.cast<number>(
					eb.fn
						.countAll()
						.filterWhere((f) =>
							f.and([
								f('card.dueDate', '<', sql<string>`current_date`),
								f('boardColumn.status', '!=', 'done')
							])
						),
					'integer'
				)
				.as('overdue')
		])
		.where('goal.strategyId', '=', strategyId)
		.where('card.archivedAt', 'is', null)
		.where('board.archivedAt', 'is', null)
		.where(visible.card(scope))
		.groupBy(['goal.id', 'boardColumn.status'])
		.execute();
}

/**
 * The live cards the viewer may see that carry out the goal or any goal under it, across all
 * boards: overdue first, then by due date, undated last.
 */
export function listGoalCardRows(db: Db, viewer: Viewer, goalId: number) {
	return db
		.withRecursive('subtree(id)', (qc) =>
			qc
				.selectFrom('goal')
				.select('goal.id')
				.where('goal.id', '=', goalId)
				.unionAll(
					qc
						.selectFrom('goal')
						.innerJoin('subtree', 'subtree.id', 'goal.parentId')
						.select('goal.id')
				)
		)
		.selectFrom('card')
		.innerJoin('subtree', 'subtree.id', 'card.goalId')
		.innerJoin('goal', 'goal.id', 'card.goalId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.$call(withLead)
		.select([
			'card.id',
			'card.title',
			'card.dueDate',
			'goal.id as goalId',
			'goal.code as goalCode',
			'board.id as boardId',
			'board.title as boardTitle',
			'boardColumn.title as columnTitle',
			'boardColumn.status',
			'leadOrg.name as leadName',
			'leadOrg.shortName as leadShortName',
			overdueCard.as('overdue')
		])
		.where('card.archivedAt', 'is', null)
		.where('board.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.orderBy('overdue', 'desc')
		.orderBy('card.dueDate', (ob) => ob.asc().nullsLast())
		.orderBy('card.id')
		.execute();
}

/** The strategy and participating organisations of the given boards, a row per participant. */
export function boardParticipantRows(db: Db, boardIds: number[]) {
	return db
		.selectFrom('board')
		.leftJoin('boardOrganization', 'boardOrganization.boardId', 'board.id')
		.select(['board.id', 'board.strategyId', 'boardOrganization.organizationId'])
		.where('board.id', 'in', boardIds)
		.execute();
}
