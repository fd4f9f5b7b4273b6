import {
	countsByGoal,
	rollUpProgress,
	statusesOf,
	type GoalProgress,
	type StatusCounts
} from '$lib/domain/progress';
import { orgFullName } from '$lib/domain/organizations';
import { can, type Actor, type Scope, type Viewer } from '../auth/policy';
import { listBoards } from '../boards/service';
import type { Db } from '../db';
import { indicatorsOf } from '../indicators/service';
import { boardParticipantRows, cardCountRows, listGoalCardRows } from './progress-repository';

// The goal tree meets the boards: how many cards carry out each goal, and which. Every count and
// list goes through visible.card (in the queries of ./repository.ts), so a goal's progress never
// reveals a card its viewer may not open. Cards of archived boards are left out too: their card
// pages answer 404.

/** Live cards the scope may see per goal of a strategy, by status: one query, whatever the tree. */
export async function cardCountsByGoal(
	db: Db,
	scope: Scope,
	strategyId: number
): Promise<Map<number, StatusCounts>> {
	const rows = await cardCountRows(db, scope, strategyId);
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
	const rows = await listGoalCardRows(db, viewer, goalId);
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
	const facts = await boardParticipantRows(
		db,
		boards.map((b) => b.id)
	);
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
		.map((b) => ({
			id: b.id,
			title: b.title,
			ownerName: orgFullName({ name: b.ownerName, shortName: b.ownerShortName })
		}));
}
