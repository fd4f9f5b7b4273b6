import {
	emptyCounts,
	goalStatus,
	progressOf,
	type CardStatus,
	type GoalStatus,
	type IndicatorPace,
	type Progress,
	type StatusCounts
} from './progress';

// The dashboards' sums, pure: the cards and accepted activities a viewer may see, cut by goal, by
// organisation and by month. The same status rule as the goal tree (goalStatus) judges
// every row, so a goal reads the same on the dashboard as in the tree.

export interface DashboardCard {
	id: number;
	goalId: number;
	status: CardStatus;
	overdue: boolean;
	/** The organisations taking part: the lead and the partners. */
	leadId: number | null;
	orgIds: readonly number[];
	/** The day a done card was last moved into done (or created there), as YYYY-MM-DD. */
	doneOn: string | null;
}

export interface DashboardActivity {
	goalId: number;
	organizationId: number;
	participants: number | null;
}

export interface DashboardIndicator extends IndicatorPace {
	goalId: number;
	responsibleOrganizationId: number | null;
}

export interface Summary {
	counts: StatusCounts;
	progress: Progress;
	status: GoalStatus;
	activities: number;
	participants: number;
}

export interface GoalNode {
	id: number;
	parentId: number | null;
	level: string;
}

/** Each goal with itself and every goal above it: what "under a goal" means for a row. */
export function lineageOf(goals: readonly GoalNode[]): Map<number, Set<number>> {
	const byId = new Map(goals.map((g) => [g.id, g]));
	const result = new Map<number, Set<number>>();
	for (const goal of goals) {
		const line = new Set<number>();
		let current: GoalNode | undefined = goal;
		// The visited check guards against a cycle in bad data.
		while (current && !line.has(current.id)) {
			line.add(current.id);
			current = current.parentId === null ? undefined : byId.get(current.parentId);
		}
		result.set(goal.id, line);
	}
	return result;
}

export function summarize(
	cards: readonly DashboardCard[],
	activities: readonly DashboardActivity[],
	indicators: readonly IndicatorPace[]
): Summary {
	const counts = emptyCounts();
	for (const card of cards) {
		counts[card.status] += 1;
		if (card.overdue) counts.overdue += 1;
	}
	return {
		counts,
		progress: progressOf(counts),
		status: goalStatus(counts, indicators),
		activities: activities.length,
		participants: activities.reduce((sum, a) => sum + (a.participants ?? 0), 0)
	};
}

/** One row per goal given, in that order, with what lies under it, whether or not it has cards. */
export function byGoal<G extends { id: number }>(
	rowGoals: readonly G[],
	lineage: ReadonlyMap<number, ReadonlySet<number>>,
	cards: readonly DashboardCard[],
	activities: readonly DashboardActivity[],
	indicators: readonly DashboardIndicator[]
): (G & Summary)[] {
	const under = (goalId: number, rowId: number) => lineage.get(goalId)?.has(rowId) ?? false;
	return rowGoals.map((goal) => ({
		...goal,
		...summarize(
			cards.filter((c) => under(c.goalId, goal.id)),
			activities.filter((a) => under(a.goalId, goal.id)),
			indicators.filter((i) => under(i.goalId, goal.id))
		)
	}));
}

/**
 * One row per organisation that takes part in a card (as lead or partner) or reported an
 * accepted activity: a card counts in the row of each organisation taking part, so the rows may
 * add up to more than the total. `lead` is how many of them it leads.
 */
export function byOrganization<O extends { id: number }>(
	organizations: readonly O[],
	cards: readonly DashboardCard[],
	activities: readonly DashboardActivity[],
	indicators: readonly DashboardIndicator[]
): (O & Summary & { lead: number })[] {
	return organizations
		.map((org) => {
			const own = cards.filter((c) => c.orgIds.includes(org.id));
			return {
				...org,
				...summarize(
					own,
					activities.filter((a) => a.organizationId === org.id),
					indicators.filter((i) => i.responsibleOrganizationId === org.id)
				),
				lead: own.filter((c) => c.leadId === org.id).length
			};
		})
		.filter((row) => row.progress.total > 0 || row.activities > 0);
}

export interface MonthPoint {
	/** YYYY-MM */
	month: string;
	/** Cards done in the month. */
	done: number;
	/** Cards done by the month's end, the years before included. */
	cumulative: number;
}

/**
 * Cards done month by month through a year, up to `today`'s month when the year is the current
 * one (a month yet to come has no figure, rather than a flat line that looks measured).
 */
export function doneByMonth(
	cards: readonly DashboardCard[],
	year: number,
	today: string
): MonthPoint[] {
	const doneDays = cards.flatMap((c) => (c.doneOn ? [c.doneOn] : []));
	const lastMonth = today.startsWith(`${year}-`) ? Number(today.slice(5, 7)) : 12;
	if (`${year}` > today.slice(0, 4)) return [];
	let cumulative = doneDays.filter((d) => d < `${year}-01-01`).length;
	const points: MonthPoint[] = [];
	for (let month = 1; month <= lastMonth; month++) {
		const key = `${year}-${String(month).padStart(2, '0')}`;
		const done = doneDays.filter((d) => d.startsWith(key)).length;
		cumulative += done;
		points.push({ month: key, done, cumulative });
	}
	return points;
}
