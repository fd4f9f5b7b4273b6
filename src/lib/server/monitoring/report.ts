import { inTreeOrder } from '$lib/domain/goal-tree';
import { orgFullName } from '$lib/domain/organizations';
import type { ReportPeriod } from '$lib/schemas/monitoring-report';
import { can, loadViewer, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { progressOfStrategy } from '../goals/progress';
import { findStrategyBySlug, listGoalsOfStrategy } from '../goals/repository';
import { indicatorsOf } from '../indicators/service';
import { acceptedActivityRows, strategyCardRows } from './repository';

// The monitoring report the coordinator hands to the Mayor: for a strategy and a period, per goal
// (in the tree's order) its status and progress, its cards, the activities accepted in the
// period and its indicators against their targets, with a one-line summary. One set of rows
// feeds the printable page and the XLSX and CSV files alike.

export async function monitoringReport(db: Db, actor: Actor, slug: string, period: ReportPeriod) {
	if (!can.seeEverything(actor)) throw new NotFoundError();
	const strategy = await findStrategyBySlug(db, slug);
	if (!strategy) throw new NotFoundError();
	const viewer = await loadViewer(db, actor);
	const goals = await listGoalsOfStrategy(db, strategy.id);
	const [progress, indicators, cards, activities] = await Promise.all([
		progressOfStrategy(db, viewer, strategy.id, goals),
		indicatorsOf(
			db,
			goals.map((g) => g.id),
			{ until: period.to, year: Number(period.to.slice(0, 4)) }
		),
		strategyCardRows(db, strategy.id),
		acceptedActivityRows(db, strategy.id, period)
	]);
	const ordered = inTreeOrder(goals);
	const subtreeOf = new Map<number, Set<number>>();
	for (const goal of [...ordered].reverse()) {
		const ids = subtreeOf.get(goal.id) ?? new Set([goal.id]);
		subtreeOf.set(goal.id, ids);
		if (goal.parentId !== null) {
			const parent = subtreeOf.get(goal.parentId) ?? new Set([goal.parentId]);
			ids.forEach((id) => parent.add(id));
			subtreeOf.set(goal.parentId, parent);
		}
	}
	const rows = ordered.map((goal) => {
		const p = progress.get(goal.id);
		const within = subtreeOf.get(goal.id)!;
		const done = activities.filter((a) => a.goalId !== null && within.has(a.goalId));
		return {
			id: goal.id,
			code: goal.code,
			level: goal.level,
			title: goal.title,
			status: p?.status ?? 'no_data',
			done: p?.progress.done ?? 0,
			total: p?.progress.total ?? 0,
			percent: p?.progress.percent ?? null,
			blocked: p?.subtree.blocked ?? 0,
			overdue: p?.subtree.overdue ?? 0,
			activities: done.length,
			participants: done.reduce((sum, a) => sum + (a.participants ?? 0), 0)
		};
	});
	return {
		strategy: { slug: strategy.slug, title: strategy.title, owner: strategy.owner },
		period,
		goals: rows,
		// A report names organisations in full (src/lib/domain/organizations.ts).
		cards: cards.map(({ leadShortName, ...c }) => ({
			...c,
			leadName: c.leadName && orgFullName({ name: c.leadName, shortName: leadShortName }),
			goalCode: ordered.find((g) => g.id === c.goalId)?.code ?? ''
		})),
		activities: activities.map(({ organizationShortName, ...a }) => ({
			...a,
			organizationName: orgFullName({
				name: a.organizationName,
				shortName: organizationShortName
			}),
			goalCode: ordered.find((g) => g.id === a.goalId)?.code ?? ''
		})),
		indicators: indicators.map((i) => ({
			...i,
			goalCode: ordered.find((g) => g.id === i.goalId)?.code ?? ''
		}))
	};
}

export type MonitoringReport = Awaited<ReturnType<typeof monitoringReport>>;
