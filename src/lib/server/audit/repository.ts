import { sql } from 'kysely';
import type { AuditFilters } from '$lib/schemas/audit';
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
