import { type Kysely, type Transaction } from 'kysely';
import type { Database, NotificationType } from '../db/schema';
import { eventRow } from '../events/repository';

// Notifications and who receives them. Each new or read notification also writes an event (type
// `notification.*`, payload `{ userId }`), from which the real-time server updates that person's
// unread count on every tab they have open.

type Executor = Kysely<Database> | Transaction<Database>;

/** The people a card concerns: its assignees, and the managers of its lead organisation. */
export function peopleOfCard(db: Executor, cardId: number) {
	return db
		.selectFrom('cardAssignee')
		.select('cardAssignee.userId as id')
		.where('cardAssignee.cardId', '=', cardId)
		.union(
			db
				.selectFrom('cardOrganization')
				.innerJoin('membership', 'membership.organizationId', 'cardOrganization.organizationId')
				.select('membership.userId as id')
				.where('cardOrganization.cardId', '=', cardId)
				.where('cardOrganization.role', '=', 'lead')
				.where('membership.role', '=', 'manager')
		)
		.execute();
}

export interface NewNotifications {
	userIds: readonly number[];
	type: NotificationType;
	cardId: number;
	commentId?: number | null;
	actorId: number | null;
}

/** Notifies people (never the actor of the change) and records the events that push the counts. */
export async function notify(trx: Executor, n: NewNotifications): Promise<number[]> {
	const userIds = [...new Set(n.userIds)].filter((id) => id !== n.actorId);
	if (userIds.length === 0) return [];
	const rows = await trx
		.insertInto('notification')
		.values(
			userIds.map((userId) => ({
				userId,
				type: n.type,
				cardId: n.cardId,
				commentId: n.commentId ?? null,
				actorId: n.actorId
			}))
		)
		.returning(['id', 'userId'])
		.execute();
	await recordNotificationEvents(trx, 'notification.created', n.actorId, rows);
	return rows.map((r) => r.userId);
}

export async function recordNotificationEvents(
	trx: Executor,
	type: 'notification.created' | 'notification.read',
	actorId: number | null,
	rows: readonly { id: number; userId: number }[]
) {
	if (rows.length === 0) return;
	await trx
		.insertInto('event')
		.values(
			rows.map((r) => eventRow({ actorId, type, entityId: r.id, payload: { userId: r.userId } }))
		)
		.execute();
}

export async function unreadCount(db: Executor, userId: number): Promise<number> {
	const row = await db
		.selectFrom('notification')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('userId', '=', userId)
		.where('readAt', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
