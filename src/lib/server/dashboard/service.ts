import {
	byGoal,
	byOrganization,
	doneByMonth,
	lineageOf,
	summarize,
	type DashboardActivity,
	type DashboardCard
} from '$lib/domain/dashboard';
import { inTreeOrder } from '$lib/domain/goal-tree';
import type { CardStatus } from '$lib/domain/progress';
import type { DashboardKind, DashboardQuery } from '$lib/schemas/dashboard';
import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { listGoalOutline, listStrategies } from '../goals/repository';
import { indicatorsOf } from '../indicators/service';
import {
	activityRowsOf,
	cardRowsOf,
	countySideOrganization,
	listOrganizations
} from './repository';

// The dashboards: for a strategy and a year, the cards, accepted activities and indicators a
// viewer may see, cut by goal and by organisation, with cards done month by month.
// One page serves every role, through its defaults: the coordinator starts from everything, an
// organisation's manager from their organisation, county staff from the county's strategy with
// its municipalities. Every card figure goes through visible.card, as the goal tree's do.

type StrategyRow = Awaited<ReturnType<typeof listStrategies>>[number];

const today = () => new Date().toISOString().slice(0, 10);

/** The live cards of a strategy the viewer may see, with what the dashboard sums need. */
async function cardsOf(db: Db, viewer: Viewer, strategyId: number): Promise<DashboardCard[]> {
	const rows = await cardRowsOf(db, viewer, strategyId);
	return rows.map((r) => {
		const orgs = typeof r.orgs === 'string' ? JSON.parse(r.orgs) : r.orgs;
		return {
			id: r.id,
			goalId: r.goalId,
			status: r.status as CardStatus,
			overdue: Boolean(r.overdue),
			leadId: orgs.find((o: { role: string }) => o.role === 'lead')?.id ?? null,
			orgIds: orgs.map((o: { id: number }) => o.id),
			doneOn: r.doneOn
		};
	});
}

/** Accepted activities of the year on the cards of a strategy the viewer may see. */
async function activitiesOf(
	db: Db,
	viewer: Viewer,
	strategyId: number,
	year: number
): Promise<DashboardActivity[]> {
	const rows = await activityRowsOf(db, viewer, strategyId, year);
	return rows.map((r) => ({ ...r, participants: r.participants ?? null }));
}

/** The strategy shown when none is asked for: the county's for its staff, else the city's. */
async function defaultStrategy(db: Db, viewer: Viewer, all: StrategyRow[]) {
	const strategies = all.filter((s) => s.status === 'current');
	const orgIds = [...viewer.orgs.keys()];
	const countySide = orgIds.length > 0 && (await countySideOrganization(db, orgIds));
	const owner = countySide && !can.seeEverything(viewer) ? 'county' : 'city';
	return strategies.find((s) => s.owner === owner) ?? strategies[0];
}

export async function dashboardOf(db: Db, actor: Actor, query: DashboardQuery) {
	const viewer = await loadViewer(db, actor);
	const strategies = await listStrategies(db);
	const strategy = query.strategy
		? strategies.find((s) => s.slug === query.strategy)
		: await defaultStrategy(db, viewer, strategies);
	if (!strategy) throw new NotFoundError();
	const year = query.year ?? Number(today().slice(0, 4));
	const goals = inTreeOrder(await listGoalOutline(db, strategy.id));
	const lineage = lineageOf(goals);
	// Any goal but an area may be the scope: "how far along is 1.1" as well as "goal 1".
	const goalChoices = goals
		.filter((g) => g.level !== 'area')
		.map((g) => ({ id: g.id, parentId: g.parentId, level: g.level, code: g.code, title: g.title }));
	const [cards, activities, indicators, organizations] = await Promise.all([
		cardsOf(db, viewer, strategy.id),
		activitiesOf(db, viewer, strategy.id, year),
		indicatorsOf(
			db,
			goals.map((g) => g.id),
			{ until: `${year}-12-31`, year }
		),
		listOrganizations(db)
	]);

	// The organisations one may pick: those taking part in a card shown, and one's own.
	const present = new Set([...cards.flatMap((c) => c.orgIds), ...viewer.orgs.keys()]);
	const orgChoices = organizations.filter((o) => present.has(o.id));
	const managed = orgChoices.find((o) => viewer.orgs.get(o.id) === 'manager');
	const orgId =
		query.org === 'all'
			? null
			: (orgChoices.find((o) => o.id === query.org)?.id ??
				(can.seeEverything(viewer) ? null : (managed?.id ?? null)));
	const goalId = goalChoices.find((g) => g.id === query.goal)?.id ?? null;
	const kind: DashboardKind = query.kind ?? (strategy.owner === 'county' ? 'municipality' : 'all');

	const inGoal = (id: number) => goalId === null || (lineage.get(id)?.has(goalId) ?? false);
	// The rows: the strategic goals, or the goal in scope followed by the goals right under it.
	const rowGoals =
		goalId === null
			? goalChoices.filter((g) => g.level === 'strategic')
			: goalChoices.filter((g) => g.id === goalId || g.parentId === goalId);
	const scopedCards = cards.filter(
		(c) => inGoal(c.goalId) && (orgId === null || c.orgIds.includes(orgId))
	);
	const scopedActivities = activities.filter(
		(a) => inGoal(a.goalId) && (orgId === null || a.organizationId === orgId)
	);
	const scopedIndicators = indicators
		.filter((i) => inGoal(i.goalId) && (orgId === null || i.responsibleOrganizationId === orgId))
		.map((i) => ({
			id: i.id,
			goalId: i.goalId,
			goalCode: goals.find((g) => g.id === i.goalId)?.code ?? '',
			name: i.name,
			unit: i.unit,
			baselineValue: i.baselineValue,
			targetValue: i.targetValue,
			targetYear: i.targetYear,
			value: i.value,
			progress: i.progress,
			expected: i.expected,
			responsibleOrganizationId: i.responsibleOrganizationId
		}));

	const breakdownOrgs = orgChoices.filter((o) => kind === 'all' || o.kind === kind);
	return {
		strategy: {
			id: strategy.id,
			slug: strategy.slug,
			title: strategy.title,
			owner: strategy.owner
		},
		strategies: strategies.map((s) => ({
			slug: s.slug,
			title: s.title,
			status: s.status
		})),
		year,
		scope: { goalId, orgId, kind },
		goalChoices,
		orgChoices,
		summary: summarize(scopedCards, scopedActivities, scopedIndicators),
		byGoal: byGoal(rowGoals, lineage, scopedCards, scopedActivities, scopedIndicators),
		byOrganization: byOrganization(breakdownOrgs, scopedCards, scopedActivities, scopedIndicators),
		doneByMonth: doneByMonth(scopedCards, year, today()),
		indicators: scopedIndicators,
		visibleOnly: !can.seeEverything(viewer)
	};
}

export type Dashboard = Awaited<ReturnType<typeof dashboardOf>>;
