import type { AuditFilters } from '$lib/schemas/audit';
import { can, type Actor } from '../auth/policy';
import { toCsvFile } from '../csv';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { redactPayload } from '../events/redact';
import { erasedPeople } from '../events/repository';
import { auditSentence, referencedIds } from '$lib/events/describe';
import { auditEventPage, auditEventsUpTo, eventActors, eventNames, eventTypes } from './repository';

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
	const events = rows.slice(0, AUDIT_PAGE).map((row) => redactPayload(row, erased));
	// The names the page's events refer to by id, in one query for the whole page.
	const [types, actors, names] = await Promise.all([
		eventTypes(db),
		eventActors(db),
		eventNames(db, referencedIds(events))
	]);
	return {
		events,
		names,
		more: rows.length > AUDIT_PAGE,
		types: types.map((t) => t.type),
		actors,
		// The payload as stored, for those who look after the app.
		technical: can.administer(actor)
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
	const names = await eventNames(db, referencedIds(rows));
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
		'payload',
		// The same event in words, in the language of the request, for the reader of the file.
		'description'
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
			JSON.stringify(r.payload),
			auditSentence(r, names)
		])
	]);
}

/**
 * The names a card's history refers to by id. Columns only of the card's own board: the history
 * shows to whoever sees the card, who may not see another board.
 */
export function historyNames(
	db: Db,
	events: readonly { type: string; payload: unknown }[],
	boardId: number
) {
	return eventNames(db, referencedIds(events), boardId);
}
