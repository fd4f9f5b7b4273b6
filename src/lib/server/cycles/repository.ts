import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { ReportState } from '$lib/domain/cycles';
import type { Db } from '../db';
import type { Database } from '../db/schema';

// Reporting cycles' queries. Who must report in a cycle is one SQL rule (`obligations`), used by
// the cycle page, its export, the desk, the reminders and the snapshot at close alike.

const CYCLE_COLUMNS = [
	'reportingCycle.id',
	'reportingCycle.strategyId',
	'reportingCycle.title',
	'reportingCycle.periodStart',
	'reportingCycle.periodEnd',
	'reportingCycle.deadline',
	'reportingCycle.goalIds',
	'reportingCycle.remindBefore',
	'reportingCycle.remindAfter',
	'reportingCycle.status',
	'reportingCycle.openedAt',
	'reportingCycle.closedAt'
] as const;

export function insertCycle(db: Db, values: Insertable<Database['reportingCycle']>) {
	return db
		.insertInto('reportingCycle')
		.values(values)
		.returning(['id', 'title'])
		.executeTakeFirstOrThrow();
}

export function listCyclesOf(db: Db, strategyId: number) {
	return db
		.selectFrom('reportingCycle')
		.select(CYCLE_COLUMNS)
		.where('strategyId', '=', strategyId)
		.orderBy('periodStart', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

export function findCycle(db: Db, strategyId: number, cycleId: number) {
	return db
		.selectFrom('reportingCycle')
		.leftJoin('user as closer', 'closer.id', 'reportingCycle.closedBy')
		.select([...CYCLE_COLUMNS, 'reportingCycle.snapshot', 'closer.name as closedByName'])
		.where('reportingCycle.strategyId', '=', strategyId)
		.where('reportingCycle.id', '=', cycleId)
		.executeTakeFirst();
}

/** Closes an open cycle with its snapshot; nothing is returned when it was closed meanwhile. */
export function closeCycleRow(
	db: Db,
	cycleId: number,
	actorId: number,
	snapshot: unknown,
	at: Date = new Date()
) {
	return db
		.updateTable('reportingCycle')
		.set({
			status: 'closed',
			closedAt: at,
			closedBy: actorId,
			snapshot: JSON.stringify(snapshot)
		})
		.where('id', '=', cycleId)
		.where('status', '=', 'open')
		.returning('id')
		.executeTakeFirst();
}

/** The closed cycles of a strategy with their snapshots, latest period first. */
export function closedCyclesOf(db: Db, strategyId: number, limit: number) {
	return db
		.selectFrom('reportingCycle')
		.select(['id', 'title', 'periodStart', 'periodEnd', 'goalIds', 'closedAt', 'snapshot'])
		.where('strategyId', '=', strategyId)
		.where('status', '=', 'closed')
		.orderBy('periodEnd', 'desc')
		.limit(limit)
		.execute();
}

export function openCycles(db: Db) {
	return db
		.selectFrom('reportingCycle')
		.select(CYCLE_COLUMNS)
		.where('status', '=', 'open')
		.execute();
}

/** The goals of a strategy among these ids: what an "only these goals" choice may name. */
export function goalsOfStrategyAmong(db: Db, strategyId: number, goalIds: readonly number[]) {
	if (goalIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('goal')
		.select(['id', 'code', 'title'])
		.where('strategyId', '=', strategyId)
		.where('id', 'in', goalIds)
		.execute();
}

export interface ObligationRow {
	cycleId: number;
	cardId: number;
	cardTitle: string;
	boardId: number;
	goalId: number;
	goalCode: string | null;
	organizationId: number;
	organizationName: string;
	organizationShortName: string | null;
	/** The card's partners: they may report on it too, and see it in their part. */
	partners: { id: number; name: string; shortName: string | null }[];
	status: ReportState | null;
	reportId: number | null;
}

/**
 * Who must report in the cycles: the lead organisation of every card of the strategy's boards that
 * carries out a goal the cycle covers (every goal, or the chosen goals and those below them) and
 * was active in the period — not archived before it began, not started after it ended, and not
 * finished (in a done column) with a due date before it began. With each card its partners, who
 * may report too, and the best of the card's reports (the lead's or a partner's) whose period
 * overlaps the cycle's: accepted, submitted, returned, then draft. `organizationIds` keeps the
 * cards those organisations lead or partner.
 */
function obligations(cycles: RawBuilder<unknown>, organizationIds: readonly number[] | null) {
	const orgs: RawBuilder<unknown> =
		organizationIds === null
			? sql``
			: organizationIds.length === 0
				? sql`and false`
				: sql`and exists (select 1 from card_organization mine
						where mine.card_id = c.id and mine.organization_id in (${sql.join(organizationIds)}))`;
	return sql<ObligationRow>`
		select rc.id as "cycleId", c.id as "cardId", c.title as "cardTitle", c.board_id as "boardId",
			g.id as "goalId", g.code as "goalCode", o.id as "organizationId",
			o.name as "organizationName", o.short_name as "organizationShortName",
			(select coalesce(json_agg(json_build_object('id', po.id, 'name', po.name,
				'shortName', po.short_name) order by po.name), '[]'::json)
				from card_organization p join organization po on po.id = p.organization_id
				where p.card_id = c.id and p.role = 'partner') as "partners",
			rep.status as "status", rep.id as "reportId"
		from reporting_cycle rc
		join board b on b.strategy_id = rc.strategy_id
		join card c on c.board_id = b.id
		join board_column bc on bc.id = c.column_id
		join goal g on g.id = c.goal_id
		join card_organization lead on lead.card_id = c.id and lead.role = 'lead'
		join organization o on o.id = lead.organization_id
		left join lateral (
			select r.id, r.status from activity_report r
			where r.card_id = c.id
				and r.period_start <= rc.period_end and r.period_end >= rc.period_start
			order by case r.status when 'accepted' then 0 when 'submitted' then 1
				when 'returned' then 2 else 3 end, r.id desc
			limit 1
		) rep on true
		where ${cycles} ${orgs}
			and (c.archived_at is null or c.archived_at >= rc.period_start)
			and (c.start_date is null or c.start_date <= rc.period_end)
			and (bc.status <> 'done' or c.due_date is null or c.due_date >= rc.period_start)
			and (cardinality(rc.goal_ids) = 0 or exists (
				with recursive up(id, parent_id) as (
					select g.id, g.parent_id
					union all
					select p.id, p.parent_id from goal p join up on p.id = up.parent_id
				)
				select 1 from up where up.id = any(rc.goal_ids)
			))`;
}

/** The obligations of the cycles, of these organisations (null: all), by organisation and card. */
export async function obligationRows(
	db: Db,
	cycleIds: readonly number[],
	organizationIds: readonly number[] | null = null
): Promise<ObligationRow[]> {
	if (cycleIds.length === 0) return [];
	const result = await sql<ObligationRow>`
		select * from (${obligations(sql`rc.id in (${sql.join(cycleIds)})`, organizationIds)}) ob
		order by "organizationName", "organizationId", "cardTitle", "cardId"`.execute(db);
	return result.rows;
}

/**
 * The desk's line per open cycle and organisation of the viewer (leading or partnering the cards)
 * that still has cards not in — neither submitted nor accepted: how many, by when, and where.
 * One statement.
 */
export async function outstandingOf(db: Db, organizationIds: readonly number[]) {
	if (organizationIds.length === 0) return [];
	const result = await sql<{
		cycleId: number;
		title: string;
		deadline: string;
		slug: string;
		organizationId: number;
		organizationName: string;
		organizationShortName: string | null;
		outstanding: number;
		total: number;
	}>`
		select ob."cycleId", rc.title, rc.deadline, s.slug, o.id as "organizationId",
			o.name as "organizationName", o.short_name as "organizationShortName",
			(count(*) filter (where ob.status is null or ob.status in ('draft', 'returned')))::int as outstanding,
			count(*)::int as total
		from (${obligations(sql`rc.status = 'open'`, organizationIds)}) ob
		join card_organization mine on mine.card_id = ob."cardId"
			and mine.organization_id in (${sql.join(organizationIds)})
		join organization o on o.id = mine.organization_id
		join reporting_cycle rc on rc.id = ob."cycleId"
		join strategy s on s.id = rc.strategy_id
		group by ob."cycleId", rc.title, rc.deadline, s.slug, o.id, o.name, o.short_name
		having count(*) filter (where ob.status is null or ob.status in ('draft', 'returned')) > 0
		order by rc.deadline, o.name`.execute(db);
	return result.rows;
}

/** The indicator values of the accepted reports on a strategy's cards in the period. */
export function acceptedValues(db: Db, strategyId: number, from: string, to: string) {
	return db
		.selectFrom('indicatorValue as v')
		.innerJoin('activityReport as r', 'r.id', 'v.reportId')
		.innerJoin('indicator as i', 'i.id', 'v.indicatorId')
		.innerJoin('card', 'card.id', 'r.cardId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select([
			'v.reportId',
			'v.indicatorId',
			'i.name',
			'i.unit',
			'v.value',
			'v.periodStart',
			'v.periodEnd'
		])
		.where('board.strategyId', '=', strategyId)
		.where('r.status', '=', 'accepted')
		.where('r.periodStart', '<=', to)
		.where('r.periodEnd', '>=', from)
		.orderBy('v.reportId')
		.orderBy('v.indicatorId')
		.execute();
}

/** The enabled members of the organisations, each with the organisation. */
export function membersOf(db: Db, organizationIds: readonly number[]) {
	if (organizationIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.userId')
		.select(['membership.organizationId', 'membership.userId'])
		.where('membership.organizationId', 'in', organizationIds)
		.where('user.disabledAt', 'is', null)
		.orderBy('membership.userId')
		.execute();
}

/** Writes the reminders not written yet and returns those it wrote (the key makes each once). */
export function insertReminders(db: Db, rows: Insertable<Database['reportingCycleReminder']>[]) {
	if (rows.length === 0) return Promise.resolve([]);
	return db
		.insertInto('reportingCycleReminder')
		.values(rows)
		.onConflict((oc) => oc.columns(['cycleId', 'organizationId', 'userId', 'step']).doNothing())
		.returning(['cycleId', 'organizationId', 'userId', 'step'])
		.execute();
}

export function insertReminderNotification(db: Db, userId: number, cycleId: number) {
	return db
		.insertInto('notification')
		.values({ userId, cycleId, cardId: null, type: 'cycle_reminder', actorId: null })
		.returning(['id', 'userId'])
		.executeTakeFirstOrThrow();
}

export function linkReminder(
	db: Db,
	key: { cycleId: number; organizationId: number; userId: number; step: string },
	notificationId: number
) {
	return db
		.updateTable('reportingCycleReminder')
		.set({ notificationId })
		.where('cycleId', '=', key.cycleId)
		.where('organizationId', '=', key.organizationId)
		.where('userId', '=', key.userId)
		.where('step', '=', key.step)
		.execute();
}

/** The rows kept at close by the closed cycles (their snapshots' `rows` only). */
export function snapshotRowsOf(db: Db, cycleIds: readonly number[]) {
	if (cycleIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('reportingCycle')
		.select(['id', sql<unknown>`snapshot -> 'rows'`.as('rows')])
		.where('id', 'in', cycleIds)
		.execute();
}
