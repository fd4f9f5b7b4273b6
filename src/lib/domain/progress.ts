// Progress of the goal tree, rolled up from the cards: a task counts its own cards, an
// operational goal its own and its tasks', and so on up to the area. Pure, so that the same sums
// serve the strategy page, the goal page and, later, the public transparency page.

export const CARD_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** Cards by the status of their column, and those past their due date and not done. */
export type StatusCounts = Record<CardStatus, number> & { overdue: number };

export interface Progress {
	done: number;
	total: number;
	/** Whole percent done, or null when there are no cards: "no cards" is not "0% done". */
	percent: number | null;
}

export interface GoalProgress {
	/** Cards linked to this goal itself. */
	own: StatusCounts;
	/** Cards linked to this goal or to any goal under it. */
	subtree: StatusCounts;
	progress: Progress;
	/** On track, at risk or off track (see goalStatus), where indicators were looked at too. */
	status?: GoalStatus;
}

/** One row of a count query: the cards of one goal in one status. */
export interface CountRow {
	goalId: number;
	status: CardStatus;
	count: number;
	overdue: number;
}

export function emptyCounts(): StatusCounts {
	return { todo: 0, in_progress: 0, blocked: 0, done: 0, overdue: 0 };
}

export function addCounts(into: StatusCounts, from: Partial<StatusCounts>): StatusCounts {
	for (const key of [...CARD_STATUSES, 'overdue'] as const) into[key] += from[key] ?? 0;
	return into;
}

export function totalOf(counts: StatusCounts): number {
	return CARD_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

export function progressOf(counts: StatusCounts): Progress {
	const total = totalOf(counts);
	// Rounded down, so that 100% is shown only when every card is done.
	const percent = total === 0 ? null : Math.floor((counts.done * 100) / total);
	return { done: counts.done, total, percent };
}

/** Rows of (goal, status, count, overdue) pivoted into counts per goal. */
export function countsByGoal(rows: Iterable<CountRow>): Map<number, StatusCounts> {
	const byGoal = new Map<number, StatusCounts>();
	for (const row of rows) {
		const counts = byGoal.get(row.goalId) ?? emptyCounts();
		// Drivers give counts as numbers or strings (int8 on pg): normalise here, once.
		counts[row.status] += Number(row.count);
		counts.overdue += Number(row.overdue);
		byGoal.set(row.goalId, counts);
	}
	return byGoal;
}

/**
 * Every goal's own counts, its subtree's totals and its progress. Counts for goals not in
 * `goals` are ignored; a parent missing from `goals` ends the climb there.
 */
export function rollUpProgress(
	goals: readonly { id: number; parentId: number | null }[],
	own: ReadonlyMap<number, Partial<StatusCounts>>
): Map<number, GoalProgress> {
	const parentOf = new Map(goals.map((g) => [g.id, g.parentId]));
	const result = new Map<number, GoalProgress>();
	for (const goal of goals) {
		result.set(goal.id, {
			own: addCounts(emptyCounts(), own.get(goal.id) ?? {}),
			subtree: emptyCounts(),
			progress: { done: 0, total: 0, percent: null }
		});
	}
	for (const goal of goals) {
		const counts = own.get(goal.id);
		if (!counts) continue;
		// Each goal's cards are added once to itself and to each ancestor. The visited set guards
		// against a cycle in bad data, which would otherwise loop forever.
		const visited = new Set<number>();
		let current: number | null | undefined = goal.id;
		while (current != null && !visited.has(current) && result.has(current)) {
			visited.add(current);
			addCounts(result.get(current)!.subtree, counts);
			current = parentOf.get(current);
		}
	}
	for (const entry of result.values()) entry.progress = progressOf(entry.subtree);
	return result;
}

// ── Status: on track, at risk, off track ──────────────────────────────────────────────────────
// The rules (also in the README): among a goal's open cards (its own and its subtree's, not
// done), the share that is blocked or overdue; and its indicators' (own and subtree's) gap
// between the progress made and where a straight path from baseline to target stands this year.
//   off track: troubled share ≥ 30 %, or an indicator more than 25 points behind its path;
//   at risk:   troubled share ≥ 10 %, or an indicator behind its path at all;
//   on track:  otherwise, when there is anything to judge by;
//   no data:   no cards and no indicator values.

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export const STATUS_RULES = {
	offTrackShare: 0.3,
	atRiskShare: 0.1,
	offTrackGap: 25
} as const;

/** An indicator as the status rule sees it: its progress and where its path stands, in %. */
export interface IndicatorPace {
	progress: number | null;
	expected: number;
}

export function goalStatus(counts: StatusCounts, indicators: readonly IndicatorPace[]): GoalStatus {
	const measured = indicators.filter((i) => i.progress !== null);
	const open = totalOf(counts) - counts.done;
	if (totalOf(counts) === 0 && measured.length === 0) return 'no_data';
	// A card can be both blocked and overdue: counted once at most, as an open card.
	const troubled = Math.min(open, counts.blocked + counts.overdue);
	const share = open === 0 ? 0 : troubled / open;
	const gap = Math.max(0, ...measured.map((i) => i.expected - i.progress!));
	if (share >= STATUS_RULES.offTrackShare || gap > STATUS_RULES.offTrackGap) return 'off_track';
	if (share >= STATUS_RULES.atRiskShare || gap > 0) return 'at_risk';
	return 'on_track';
}

/** Each goal's status from its subtree's cards and the indicators of it and the goals under it. */
export function statusesOf(
	goals: readonly { id: number; parentId: number | null }[],
	progress: ReadonlyMap<number, GoalProgress>,
	indicators: readonly (IndicatorPace & { goalId: number })[]
): Map<number, GoalStatus> {
	const parentOf = new Map(goals.map((g) => [g.id, g.parentId]));
	const paces = new Map<number, IndicatorPace[]>();
	for (const indicator of indicators) {
		const visited = new Set<number>();
		let current: number | null | undefined = indicator.goalId;
		while (current != null && !visited.has(current)) {
			visited.add(current);
			paces.set(current, [...(paces.get(current) ?? []), indicator]);
			current = parentOf.get(current);
		}
	}
	return new Map(
		goals.map((g) => [
			g.id,
			goalStatus(progress.get(g.id)?.subtree ?? emptyCounts(), paces.get(g.id) ?? [])
		])
	);
}
