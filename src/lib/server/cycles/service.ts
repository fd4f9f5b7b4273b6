import { progressOf, type CycleState } from '$lib/domain/cycles';
import { orgFullName } from '$lib/domain/organizations';
import type { CycleFilter, OpenCycleInput } from '$lib/schemas/cycles';
import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import { findStrategyBySlug, listGoalsOfStrategy } from '../goals/repository';
import * as repo from './repository';
import { liveRows, readSnapshot, takeSnapshot, type CycleRow } from './snapshot';

// Reporting cycles (monitoring periods). The coordinator opens one for a strategy and closes it;
// everyone signed in may open a cycle's page, where an organisation sees its own part only (the
// cards it leads) and the coordinator sees all, with the filters and the export. Opening and
// closing are events of the catalogue, so they are in the audit log.

async function strategyOf(db: Db, slug: string) {
	const strategy = await findStrategyBySlug(db, slug);
	if (!strategy) throw new NotFoundError();
	return strategy;
}

async function cycleOf(db: Db, strategyId: number, cycleId: number) {
	const cycle = await repo.findCycle(db, strategyId, cycleId);
	if (!cycle) throw new NotFoundError();
	return cycle;
}

/** The organisations whose part a viewer sees: all for the staff, else their own. */
const partOf = (viewer: Viewer): number[] | null =>
	can.seeEverything(viewer) ? null : [...viewer.orgs.keys()];

/** Whether one of the organisations leads or partners the row's card (null: any). */
const takesPart = (row: CycleRow, organizationIds: readonly number[] | null) =>
	organizationIds === null ||
	organizationIds.includes(row.organizationId) ||
	(row.partners ?? []).some((p) => organizationIds.includes(p.id));

/** A strategy's cycles with their progress (the viewer's part of it), and the opening form's goals. */
export async function listCycles(db: Db, actor: Actor, slug: string) {
	const viewer = await loadViewer(db, actor);
	const strategy = await strategyOf(db, slug);
	const manages = can.manageCycles(viewer);
	const [cycles, goals] = await Promise.all([
		repo.listCyclesOf(db, strategy.id),
		// The opening form's goals.
		manages ? listGoalsOfStrategy(db, strategy.id) : []
	]);
	const open = cycles.filter((c) => c.status === 'open').map((c) => c.id);
	const rows = await repo.obligationRows(db, open, partOf(viewer));
	const part = partOf(viewer);
	const kept = await repo.snapshotRowsOf(
		db,
		cycles.filter((c) => c.status === 'closed').map((c) => c.id)
	);
	const closedRowsOf = new Map(
		kept.map((k) => [
			k.id,
			((Array.isArray(k.rows) ? k.rows : []) as CycleRow[]).filter((r) => takesPart(r, part))
		])
	);
	return {
		strategy: { slug: strategy.slug, title: strategy.title },
		canManage: manages,
		goals: goals
			.filter((g) => g.level !== 'task')
			.map((g) => ({ id: g.id, code: g.code, title: g.title, level: g.level })),
		cycles: cycles.map((c) => {
			const states =
				c.status === 'open'
					? rows.filter((r) => r.cycleId === c.id).map((r) => r.status ?? 'not_started')
					: (closedRowsOf.get(c.id) ?? []).map((r) => r.state);
			return { ...c, progress: progressOf(states as CycleState[]) };
		})
	};
}

/** Opens a cycle: the coordinator's (and administrator's). */
export async function openCycle(db: Db, actor: Actor, slug: string, input: OpenCycleInput) {
	const strategy = await strategyOf(db, slug);
	if (!can.manageCycles(actor)) throw new ForbiddenError();
	const goals = await repo.goalsOfStrategyAmong(db, strategy.id, input.goalIds);
	if (goals.length !== input.goalIds.length)
		throw new ValidationError('goalIds', 'cycle_error_goal');
	return db.transaction().execute(async (trx) => {
		const cycle = await repo.insertCycle(trx, {
			strategyId: strategy.id,
			title: input.title,
			periodStart: input.periodStart,
			periodEnd: input.periodEnd,
			deadline: input.deadline,
			goalIds: input.goalIds,
			remindBefore: input.remindBefore,
			remindAfter: input.remindAfter,
			openedBy: actor.id
		});
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'cycle.opened',
			entityId: cycle.id,
			payload: {
				strategyId: strategy.id,
				title: input.title,
				periodStart: input.periodStart,
				periodEnd: input.periodEnd,
				deadline: input.deadline,
				goalIds: input.goalIds
			}
		});
		return cycle;
	});
}

/**
 * Closes a cycle: its figures as they are now are kept (snapshot.ts), taken in the transaction
 * that closes it, so nothing accepted in between is missed or half-counted.
 */
export async function closeCycle(
	db: Db,
	actor: Actor,
	slug: string,
	cycleId: number,
	now: Date = new Date()
) {
	const strategy = await strategyOf(db, slug);
	if (!can.manageCycles(actor)) throw new ForbiddenError();
	const cycle = await cycleOf(db, strategy.id, cycleId);
	if (cycle.status === 'closed') throw new ConflictError('cycle_already_closed');
	return db.transaction().execute(async (trx) => {
		const snapshot = await takeSnapshot(trx, actor, cycle, strategy.slug, now);
		const row = await repo.closeCycleRow(trx, cycle.id, actor.id, snapshot, now);
		if (!row) throw new ConflictError('cycle_already_closed');
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'cycle.closed',
			entityId: cycle.id,
			payload: {
				strategyId: strategy.id,
				title: cycle.title,
				required: snapshot.progress.total,
				accepted: snapshot.progress.accepted
			}
		});
		return snapshot;
	});
}

/** A row as the page and the export show it: the organisation named in full. */
function shown(row: CycleRow) {
	return {
		...row,
		organizationName: orgFullName({
			name: row.organizationName,
			shortName: row.organizationShortName
		}),
		partners: (row.partners ?? []).map((p) => ({ id: p.id, name: orgFullName(p), shortName: null }))
	};
}

/**
 * A cycle's page: its rows (the viewer's part, then the filters), progress overall and per
 * organisation, and for a closed cycle the monitoring figures kept at close (staff only).
 */
export async function cyclePage(
	db: Db,
	actor: Actor,
	slug: string,
	cycleId: number,
	filter: CycleFilter = {}
) {
	const viewer = await loadViewer(db, actor);
	const strategy = await strategyOf(db, slug);
	const cycle = await cycleOf(db, strategy.id, cycleId);
	const staff = can.seeEverything(viewer);
	const part = partOf(viewer);
	const snapshot = cycle.status === 'closed' ? readSnapshot(cycle.snapshot) : null;
	const all = (
		snapshot ? snapshot.rows.filter((r) => takesPart(r, part)) : await liveRows(db, cycle.id, part)
	).map(shown);
	// Every organisation taking part, leading (it must report) or partnering (it may): by name.
	const named = new Map<number, string>();
	for (const r of all) {
		named.set(r.organizationId, r.organizationName);
		for (const p of r.partners) if (!named.has(p.id)) named.set(p.id, p.name);
	}
	const organizations = [...named.entries()]
		.filter(([id]) => part === null || part.includes(id))
		.sort((a, b) => a[1].localeCompare(b[1], 'pl'))
		.map(([id, name]) => {
			const cards = all.filter((r) => takesPart(r, [id]));
			return {
				id,
				name,
				leads: cards.filter((r) => r.organizationId === id).length,
				progress: progressOf(cards.map((r) => r.state))
			};
		});
	const rows = all.filter(
		(r) =>
			(filter.organization === undefined || takesPart(r, [filter.organization])) &&
			(filter.state === undefined || r.state === filter.state)
	);
	// The page shows the snapshot's parts it may (below), never the whole of it.
	const fields = { ...cycle, snapshot: undefined };
	return {
		strategy: { slug: strategy.slug, title: strategy.title, owner: strategy.owner },
		cycle: fields,
		staff,
		filter,
		progress: progressOf(all.map((r) => r.state)),
		organizations,
		rows,
		// The organisations of the viewer that are in this cycle: what "your part" means.
		mine: organizations.filter((o) => viewer.orgs.has(o.id)).map((o) => o.id),
		closed:
			snapshot && staff ? { takenAt: snapshot.takenAt, monitoring: snapshot.monitoring } : null
	};
}

export type CyclePage = Awaited<ReturnType<typeof cyclePage>>;

/** The export: the coordinator's, of the whole cycle (filters applied). */
export async function cycleForExport(
	db: Db,
	actor: Actor,
	slug: string,
	cycleId: number,
	filter: CycleFilter
) {
	if (!can.manageCycles(actor)) throw new NotFoundError();
	const page = await cyclePage(db, actor, slug, cycleId, filter);
	const cycle = await repo.findCycle(db, (await strategyOf(db, slug)).id, cycleId);
	return { ...page, snapshot: readSnapshot(cycle?.snapshot) };
}

/** The desk's lines: per open cycle and organisation of the viewer, the cards still to report. */
export async function deskCycleLines(db: Db, viewer: Viewer) {
	const rows = await repo.outstandingOf(db, [...viewer.orgs.keys()]);
	return rows.map((r) => ({
		...r,
		organizationName: orgFullName({ name: r.organizationName, shortName: r.organizationShortName }),
		href: `/strategies/${r.slug}/cycles/${r.cycleId}?organization=${r.organizationId}`
	}));
}

/**
 * A goal's figures at the close of each of the strategy's latest closed cycles that covered it:
 * its cards done and its indicators' values then, for the goal page to show beside today's.
 */
export async function closedFiguresOfGoal(db: Db, goal: { id: number; strategyId: number }) {
	const cycles = await repo.closedCyclesOf(db, goal.strategyId, 3);
	return cycles.flatMap((c) => {
		const snapshot = readSnapshot(c.snapshot);
		if (!snapshot) return [];
		const row = snapshot.monitoring.goals.find((g) => g.id === goal.id);
		if (!row) return [];
		return [
			{
				id: c.id,
				title: c.title,
				periodStart: c.periodStart,
				periodEnd: c.periodEnd,
				done: row.done,
				total: row.total,
				percent: row.percent,
				activities: row.activities,
				indicators: snapshot.monitoring.indicators
					.filter((i) => i.goalId === goal.id)
					.map((i) => ({ id: i.id, value: i.value }))
			}
		];
	});
}
