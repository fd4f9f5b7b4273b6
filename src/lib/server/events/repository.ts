import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { erasedPeople, redactPayload } from './redact';

// The event table is append-only: this file only ever inserts into it and reads it.

type Executor = Kysely<Database> | Transaction<Database>;

export interface NewEvent {
	actorId: number | null;
	type: string;
	entityType: string;
	entityId: number;
	boardId?: number | null;
	cardId?: number | null;
	payload?: Record<string, unknown>;
}

/** Records an event in the caller's transaction; returns its id (the real-time cursor). */
export async function recordEvent(trx: Executor, event: NewEvent): Promise<string> {
	const row = await trx
		.insertInto('event')
		.values({
			actorId: event.actorId,
			type: event.type,
			entityType: event.entityType,
			entityId: event.entityId,
			boardId: event.boardId ?? null,
			cardId: event.cardId ?? null,
			payload: JSON.stringify(event.payload ?? {})
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The latest events of one entity, newest first, erased people under their pseudonyms. */
export async function listEventsFor(
	db: Executor,
	entityType: string,
	entityId: number,
	limit = 50
) {
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
