import { sql } from 'kysely';
import type { AuditFilters } from '$lib/schemas/audit';
import type { EventNames, NameIds, NameKind } from '$lib/events/describe';
import type { Db } from '../db';

// The audit log's queries. It only reads: the event table is append-only.

/** The events the filters select, newest first, with their actor, board and card names. */
export function auditEvents(db: Db, filters: AuditFilters) {
	let q = db
		.selectFrom('event')
		.leftJoin('user', 'user.id', 'event.actorId')
		.leftJoin('board', 'board.id', 'event.boardId')
		.leftJoin('card', 'card.id', 'event.cardId')
		.select([
			'event.id',
			'event.occurredAt',
			'event.type',
			'event.entityType',
			'event.entityId',
			'event.boardId',
			'event.cardId',
			'event.payload',
			'user.name as actorName',
			'user.email as actorEmail',
			'board.title as boardTitle',
			'card.title as cardTitle'
		])
		.orderBy('event.id', 'desc');
	// A family (`card`) is a prefix of text: its `_` must not be LIKE's any-character wildcard.
	if (filters.type)
		q = filters.type.includes('.')
			? q.where('event.type', '=', filters.type)
			: q.where('event.type', 'like', `${filters.type.replace(/[\\%_]/g, '\\$&')}.%`);
	if (filters.actor) q = q.where('event.actorId', '=', filters.actor);
	if (filters.entity) q = q.where('event.entityType', '=', filters.entity);
	// Calendar days in Toruń's time.
	if (filters.from)
		q = q.where(sql`(event.occurred_at at time zone 'Europe/Warsaw')::date`, '>=', filters.from);
	if (filters.to)
		q = q.where(sql`(event.occurred_at at time zone 'Europe/Warsaw')::date`, '<=', filters.to);
	return q;
}

/** One page of the filtered events: `limit` rows, older than the event `before` when given. */
export function auditEventPage(
	db: Db,
	filters: AuditFilters,
	limit: number,
	before?: number | null
) {
	let q = auditEvents(db, filters).limit(limit);
	if (before) q = q.where('event.id', '<', String(before));
	return q.execute();
}

/** Up to `limit` of the filtered events, for the export. */
export function auditEventsUpTo(db: Db, filters: AuditFilters, limit: number) {
	return auditEvents(db, filters).limit(limit).execute();
}

/** Every event type that occurs. */
export function eventTypes(db: Db) {
	return db.selectFrom('event').select('type').distinct().orderBy('type').execute();
}

/** The people who acted in some event, by name. */
export function eventActors(db: Db) {
	return db
		.selectFrom('user')
		.select(['id', 'name'])
		.where('id', 'in', db.selectFrom('event').select('actorId').where('actorId', 'is not', null))
		.orderBy('name')
		.execute();
}

/**
 * The names of the columns, goals, strategies, people and indicators some events refer to, in one
 * query. `columnsOfBoard` keeps the columns to one board's: a card's history names no column of a
 * board its viewer may not see. An erased person's row already holds their pseudonym.
 */
export async function eventNames(
	db: Db,
	ids: NameIds,
	columnsOfBoard?: number
): Promise<EventNames> {
	const names: EventNames = { column: {}, goal: {}, strategy: {}, user: {}, indicator: {} };
	const kind = (k: NameKind) => sql<NameKind>`${k}::text`.as('kind');
	const parts = [];
	if (ids.column.length > 0) {
		let q = db
			.selectFrom('boardColumn')
			.select([kind('column'), 'id', 'title as name'])
			.where('id', 'in', ids.column);
		if (columnsOfBoard !== undefined) q = q.where('boardId', '=', columnsOfBoard);
		parts.push(q);
	}
	if (ids.goal.length > 0)
		parts.push(
			db
				.selectFrom('goal')
				.select([kind('goal'), 'id', sql<string>`concat_ws(' ', code, title)`.as('name')])
				.where('id', 'in', ids.goal)
		);
	if (ids.strategy.length > 0)
		parts.push(
			db
				.selectFrom('strategy')
				.select([kind('strategy'), 'id', 'title as name'])
				.where('id', 'in', ids.strategy)
		);
	if (ids.user.length > 0)
		parts.push(
			db
				.selectFrom('user')
				.select([kind('user'), 'id', 'name'])
				.where('id', 'in', ids.user)
		);
	if (ids.indicator.length > 0)
		parts.push(
			db
				.selectFrom('indicator')
				.select([kind('indicator'), 'id', 'name'])
				.where('id', 'in', ids.indicator)
		);
	const [first, ...rest] = parts;
	if (!first) return names;
	const rows = await rest.reduce((q, part) => q.unionAll(part), first).execute();
	for (const row of rows) names[row.kind][row.id] = row.name;
	return names;
}
