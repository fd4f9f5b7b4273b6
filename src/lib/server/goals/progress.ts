import { sql } from 'kysely';
import {
	countsByGoal,
	rollUpProgress,
	statusesOf,
	type GoalProgress,
	type StatusCounts
} from '$lib/domain/progress';
import { can, visible, type Actor, type Scope, type Viewer } from '../auth/policy';
import { listBoards } from '../boards/service';
import type { Db } from '../db';
import { indicatorsOf } from '../indicators/service';

// The goal tree meets the boards: how many cards carry out each goal, and which. Every count and
// list goes through visible.card, so a goal's progress never reveals a card its viewer may not
// open. Cards of archived boards are left out too: their card pages answer 404.

/**
 * Whether a card (joined with its column as `board_column`) is past its due date and not done;
 * false, not null, for an undated card, so that it also sorts as "not overdue".
 */
export const overdueCard = sql<boolean>`coalesce(card.due_date < current_date and board_column.status <> 'done', false)`;

/** Live cards the scope may see per goal of a strategy, by status: one query, whatever the tree. */
export async function cardCountsByGoal(
	db: Db,
	scope: Scope,
	strategyId: number
): Promise<Map<number, StatusCounts>> {
	const rows = await db
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
	return countsByGoal(rows);
}

/**
 * Every goal's own and rolled-up counts and progress, as the scope may see them, and its status
 * from those counts and the indicators of it and the goals under it.
 */
export async function progressOfStrategy(
	db: Db,
	scope: Scope,
	strategyId: number,
	goals: readonly { id: number; parentId: number | null }[]
): Promise<Map<number, GoalProgress>> {
	const [counts, indicators] = await Promise.all([
		cardCountsByGoal(db, scope, strategyId),
		indicatorsOf(
			db,
			goals.map((g) => g.id)
		)
	]);
	const progress = rollUpProgress(goals, counts);
	for (const [id, status] of statusesOf(goals, progress, indicators))
		progress.get(id)!.status = status;
	return progress;
}

/**
 * The live cards the viewer may see that carry out the goal or any goal under it, across all
 * boards: overdue first (what needs attention), then by due date, undated last.
 */
export async function listGoalCards(db: Db, viewer: Viewer, goalId: number) {
	const rows = await db
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
		.leftJoin('cardOrganization as lead', (join) =>
			join.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.leftJoin('organization as leadOrg', 'leadOrg.id', 'lead.organizationId')
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
			overdueCard.as('overdue')
		])
		.where('card.archivedAt', 'is', null)
		.where('board.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.orderBy('overdue', 'desc')
		.orderBy('card.dueDate', (ob) => ob.asc().nullsLast())
		.orderBy('card.id')
		.execute();
	return rows.map((r) => ({ ...r, overdue: Boolean(r.overdue) }));
}

export type GoalCard = Awaited<ReturnType<typeof listGoalCards>>[number];

/**
 * The boards on which the viewer may start a card for this goal: those of the goal's strategy
 * where can.createCard holds. Only tasks and operational goals take cards.
 */
export async function boardsForNewCard(
	db: Db,
	actor: Actor,
	viewer: Viewer,
	goal: { level: string; strategyId: number }
) {
	if (goal.level !== 'task' && goal.level !== 'operational') return [];
	// listBoards also lists boards the viewer sees only as a partner on one card: not enough to
	// create cards there, so the participants are read to ask the policy.
	const boards = await listBoards(db, actor);
	if (boards.length === 0) return [];
	const facts = await db
		.selectFrom('board')
		.leftJoin('boardOrganization', 'boardOrganization.boardId', 'board.id')
		.select(['board.id', 'board.strategyId', 'boardOrganization.organizationId'])
		.where(
			'board.id',
			'in',
			boards.map((b) => b.id)
		)
		.execute();
	const strategyOf = new Map(facts.map((f) => [f.id, f.strategyId]));
	const participantsOf = new Map<number, number[]>();
	for (const f of facts) {
		if (f.organizationId === null) continue;
		participantsOf.set(f.id, [...(participantsOf.get(f.id) ?? []), f.organizationId]);
	}
	return boards
		.filter(
			(b) =>
				strategyOf.get(b.id) === goal.strategyId &&
				can.createCard(viewer, {
					ownerOrganizationId: b.ownerOrganizationId,
					participantIds: participantsOf.get(b.id) ?? []
				})
		)
		.map((b) => ({ id: b.id, title: b.title, ownerName: b.ownerName }));
}
