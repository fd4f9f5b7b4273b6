import { EVENT_CATALOGUE, type EventPayload, type EventType } from '$lib/events/catalogue';
import type { Db } from '../db';
import { ERASED_EMAIL_LIKE } from '$lib/domain/pseudonym';
import { redactPayload } from './redact';

// The event table is append-only: this file only ever inserts into it and reads it. What each
// type of event holds is declared in the catalogue ($lib/events/catalogue.ts).

/** An event to record: its type decides its entity type and the shape of its payload. */
export type NewEvent<T extends EventType> = {
	actorId: number | null;
	type: T;
	entityId: number;
	boardId?: number | null;
	cardId?: number | null;
} & (Record<never, never> extends EventPayload<T>
	? { payload?: EventPayload<T> }
	: { payload: EventPayload<T> });

/**
 * The event's row as the table takes it, its payload checked against its type's schema (a
 * payload of the wrong shape is a bug: it fails here, before anything is written).
 */
export function eventRow<T extends EventType>(event: NewEvent<T>) {
	const entry = EVENT_CATALOGUE[event.type];
	const payload = entry.payload.parse(event.payload ?? {});
	return {
		actorId: event.actorId,
		type: event.type,
		entityType: entry.entity,
		entityId: event.entityId,
		boardId: event.boardId ?? null,
		cardId: event.cardId ?? null,
		payload: JSON.stringify(payload)
	};
}

/** Records an event in the caller's transaction; returns its id (the real-time cursor). */
export async function recordEvent<T extends EventType>(
	trx: Db,
	event: NewEvent<T>
): Promise<string> {
	const row = await trx
		.insertInto('event')
		.values(eventRow(event))
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The latest events of one entity, newest first, erased people under their pseudonyms. */
export async function listEventsFor(db: Db, entityType: string, entityId: number, limit = 50) {
	const [rows, erased] = await Promise.all([
		db
			.selectFrom('event')
			.leftJoin('user', 'user.id', 'event.actorId')
			.select([
				'event.id',
				'event.type',
				'event.occurredAt',
				'event.payload',
				'user.name as actorName'
			])
			.where('event.entityType', '=', entityType)
			.where('event.entityId', '=', entityId)
			.orderBy('event.id', 'desc')
			.limit(limit)
			.execute(),
		erasedPeople(db)
	]);
	return rows.map((row) => redactPayload({ ...row, entityType, entityId }, erased));
}

/** The ids of the erased people. */
export async function erasedPeople(db: Db): Promise<Set<number>> {
	const rows = await db
		.selectFrom('user')
		.select('id')
		.where('email', 'like', ERASED_EMAIL_LIKE)
		.execute();
	return new Set(rows.map((r) => r.id));
}
