import type { AuditFilters } from '$lib/schemas/audit';
import { can, type Actor } from '../auth/policy';
import { toCsvFile } from '../csv';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { redactPayload } from '../events/redact';
import { erasedPeople } from '../events/repository';
import { auditEventPage, auditEventsUpTo, eventActors, eventTypes } from './repository';

// The audit log: every event — who, what, when, on what — for administrators and coordinators,
// with filters and a CSV export. It only reads: the event table is append-only.

export const AUDIT_PAGE = 100;
export const AUDIT_EXPORT_MAX = 50_000;

function requireAuditor(actor: Actor) {
	if (!can.seeEverything(actor)) throw new NotFoundError();
}

export async function listAuditEvents(db: Db, actor: Actor, filters: AuditFilters) {
	requireAuditor(actor);
	const [rows, erased] = await Promise.all([
		auditEventPage(db, filters, AUDIT_PAGE + 1, filters.before),
		erasedPeople(db)
	]);
	const [types, actors] = await Promise.all([eventTypes(db), eventActors(db)]);
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
		auditEventsUpTo(db, filters, AUDIT_EXPORT_MAX),
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
