import { sql } from 'kysely';
import type { AuditFilters } from '$lib/schemas/audit';
import { can, type Actor } from '../auth/policy';
import { toCsvFile } from '../csv';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { erasedPeople, redactPayload } from '../events/redact';

// The audit log: every event — who, what, when, on what — for administrators and coordinators,
// with filters and a CSV export. It only reads: the event table is append-only.

export const AUDIT_PAGE = 100;
export const AUDIT_EXPORT_MAX = 50_000;

function requireAuditor(actor: Actor) {
	if (!can.seeEverything(actor)) throw new NotFoundError();
}

function query(db: Db, filters: AuditFilters) {
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

export async function listAuditEvents(db: Db, actor: Actor, filters: AuditFilters) {
	requireAuditor(actor);
	let q = query(db, filters).limit(AUDIT_PAGE + 1);
	if (filters.before) q = q.where('event.id', '<', String(filters.before));
	const [rows, erased] = await Promise.all([q.execute(), erasedPeople(db)]);
	const [types, actors] = await Promise.all([
		db.selectFrom('event').select('type').distinct().orderBy('type').execute(),
		db
			.selectFrom('user')
			.select(['id', 'name'])
			.where('id', 'in', db.selectFrom('event').select('actorId').where('actorId', 'is not', null))
			.orderBy('name')
			.execute()
	]);
	return {
		events: rows.slice(0, AUDIT_PAGE).map((row) => redactPayload(row, erased)),
		more: rows.length > AUDIT_PAGE,
		types: types.map((t) => t.type),
		actors
	};
}

/** The filtered events as CSV (UTF-8 with a byte-order mark, so spreadsheets read Polish letters). */
export async function auditCsv(db: Db, actor: Actor, filters: AuditFilters): Promise<string> {
	requireAuditor(actor);
	const [found, erased] = await Promise.all([
		query(db, filters).limit(AUDIT_EXPORT_MAX).execute(),
		erasedPeople(db)
	]);
	const rows = found.map((row) => redactPayload(row, erased));
	const header = [
		'id',
		'occurred_at',
		'actor',
		'actor_email',
		'type',
		'entity_type',
		'entity_id',
		'board',
		'card',
		'payload'
	];
	return toCsvFile([
		header,
		...rows.map((r) => [
			r.id,
			new Date(r.occurredAt).toISOString(),
			r.actorName,
			r.actorEmail,
			r.type,
			r.entityType,
			r.entityId,
			r.boardTitle,
			r.cardTitle,
			JSON.stringify(r.payload)
		])
	]);
}
