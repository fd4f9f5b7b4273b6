import { sql } from 'kysely';
import type { Viewer } from '../auth/policy';
import type { Db } from '../db';
import { eventsVisibleTo } from './visibility';

// What the real-time server reads: the event log (publisher, catch-up), and the few facts the
// rooms, the fan-out and the public feed look up.

const eventColumns = ['id', 'type', 'actorId', 'entityId', 'boardId', 'cardId', 'payload'] as const;

/** The id of the latest event, or '0' when there is none: a client's cursor to start from. */
export async function latestEventId(db: Db): Promise<string> {
	const row = await db
		.selectFrom('event')
		.select(sql<string>`coalesce(max(id), 0)::text`.as('id'))
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The events of these ids (those committed by now), in id order. */
export function listEventsIn(db: Db, ids: string[]) {
	return db.selectFrom('event').select(eventColumns).orderBy('id').where('id', 'in', ids).execute();
}

/** The next `limit` events after `cursor`, in id order. */
export function listEventsAfter(db: Db, cursor: string, limit: number) {
	return db
		.selectFrom('event')
		.select(eventColumns)
		.orderBy('id')
		.where('id', '>', cursor)
		.limit(limit)
		.execute();
}

/** A board's events after `after` that the viewer would have been sent live, in id order. */
export function listBoardEventsAfter(
	db: Db,
	viewer: Viewer,
	boardId: number,
	after: string,
	limit: number
) {
	return db
		.selectFrom('event')
		.select(['id', 'type', 'boardId', 'cardId', 'payload', 'occurredAt'])
		.where('boardId', '=', boardId)
		.where('id', '>', after)
		.where(eventsVisibleTo(db, viewer))
		.orderBy('id')
		.limit(limit)
		.execute();
}

/** The person's id and role, unless their account is disabled (or gone). */
export function findEnabledUser(db: Db, userId: number) {
	return db
		.selectFrom('user')
		.select(['id', 'role'])
		.where('id', '=', userId)
		.where('disabledAt', 'is', null)
		.executeTakeFirst();
}

export async function strategyExists(db: Db, strategyId: number): Promise<boolean> {
	return !!(await db
		.selectFrom('strategy')
		.select('id')
		.where('id', '=', strategyId)
		.executeTakeFirst());
}

/** The strategy a board belongs to, or undefined when the board is gone. */
export function findBoardStrategy(db: Db, boardId: number) {
	return db.selectFrom('board').select('strategyId').where('id', '=', boardId).executeTakeFirst();
}

/** The distinct status categories of these columns. */
export function listColumnStatuses(db: Db, columnIds: number[]) {
	return db
		.selectFrom('boardColumn')
		.select('status')
		.distinct()
		.where('id', 'in', columnIds)
		.execute();
}

export async function isCardPublic(db: Db, cardId: number): Promise<boolean> {
	const card = await db
		.selectFrom('card')
		.select('isPublic')
		.where('id', '=', cardId)
		.executeTakeFirst();
	return !!card?.isPublic;
}
