import { progressOf, stateOf, type CycleProgress, type CycleState } from '$lib/domain/cycles';
import type { Actor } from '../auth/policy';
import type { Db } from '../db';
import { monitoringReport, type MonitoringReport } from '../monitoring/report';
import { acceptedValues, obligationRows } from './repository';

// What closing a cycle keeps: the monitoring report of its period as it stands at that moment
// (goals, cards, accepted activities, indicators with their values), the indicator values of the
// accepted reports, and who had to report on what in which state. Stored as JSON in the cycle's
// row; later edits of reports or values change the live report, never this.

export interface CycleRow {
	cardId: number;
	cardTitle: string;
	boardId: number;
	goalId: number;
	goalCode: string | null;
	organizationId: number;
	organizationName: string;
	organizationShortName: string | null;
	partners: { id: number; name: string; shortName: string | null }[];
	state: CycleState;
	reportId: number | null;
}

export interface CycleSnapshot {
	version: 1;
	takenAt: string;
	rows: CycleRow[];
	progress: CycleProgress;
	monitoring: MonitoringReport;
	values: Awaited<ReturnType<typeof acceptedValues>>;
}

/** The cycle's rows as they are now. */
export async function liveRows(
	db: Db,
	cycleId: number,
	organizationIds: readonly number[] | null = null
): Promise<CycleRow[]> {
	const rows = await obligationRows(db, [cycleId], organizationIds);
	return rows.map((r) => ({
		cardId: r.cardId,
		cardTitle: r.cardTitle,
		boardId: r.boardId,
		goalId: r.goalId,
		goalCode: r.goalCode,
		organizationId: r.organizationId,
		organizationName: r.organizationName,
		organizationShortName: r.organizationShortName,
		partners: r.partners,
		state: stateOf(r.status),
		reportId: r.reportId
	}));
}

export async function takeSnapshot(
	db: Db,
	actor: Actor,
	cycle: { id: number; strategyId: number; periodStart: string; periodEnd: string },
	slug: string,
	now: Date = new Date()
): Promise<CycleSnapshot> {
	const period = { from: cycle.periodStart, to: cycle.periodEnd };
	const [rows, monitoring, values] = await Promise.all([
		liveRows(db, cycle.id),
		monitoringReport(db, actor, slug, period),
		acceptedValues(db, cycle.strategyId, period.from, period.to)
	]);
	return {
		version: 1,
		takenAt: now.toISOString(),
		rows,
		progress: progressOf(rows.map((r) => r.state)),
		monitoring,
		values
	};
}

/** A stored snapshot, as written by takeSnapshot (our own JSON). */
export function readSnapshot(value: unknown): CycleSnapshot | null {
	if (!value || typeof value !== 'object') return null;
	const s = value as Partial<CycleSnapshot>;
	return s.version === 1 && Array.isArray(s.rows) && s.monitoring ? (s as CycleSnapshot) : null;
}
