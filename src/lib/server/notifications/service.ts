import { sql } from 'kysely';
import type { Actor } from '../auth/policy';
import { loadViewer, visible } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { recordNotificationEvents, unreadCount as countUnread } from './repository';

// A person's notifications: only ever their own, and only of cards they may still see (a card
// whose organisation they left is no longer theirs to read about).

export const NOTIFICATIONS_PAGE = 50;

export function unreadCount(db: Db, userId: number) {
	return countUnread(db, userId);
}

export async function listNotifications(db: Db, actor: Actor, options: { before?: number } = {}) {
	const viewer = await loadViewer(db, actor);
	let query = db
		.selectFrom('notification')
		.innerJoin('card', 'card.id', 'notification.cardId')
		.leftJoin('user as actor', 'actor.id', 'notification.actorId')
		.select([
			'notification.id',
			'notification.type',
			'notification.cardId',
			'notification.commentId',
			'notification.dueDate',
			'notification.createdAt',
			'notification.readAt',
			'card.title as cardTitle',
			'card.boardId',
			'actor.name as actorName',
			sql<boolean>`notification.due_date < current_date`.as('overdue')
		])
		.where('notification.userId', '=', viewer.id)
		.where(visible.card(viewer))
		.orderBy('notification.id', 'desc')
		.limit(NOTIFICATIONS_PAGE);
	if (options.before) query = query.where('notification.id', '<', options.before);
	return query.execute();
}

/** Marks one notification read: the person's own, or nothing is found. */
export async function markRead(db: Db, actor: Actor, notificationId: number) {
	return db.transaction().execute(async (trx) => {
		const rows = await trx
			.updateTable('notification')
			.set({ readAt: new Date() })
			.where('id', '=', notificationId)
			.where('userId', '=', actor.id)
			.where('readAt', 'is', null)
			.returning(['id', 'userId'])
			.execute();
		if (rows.length === 0) {
			const mine = await trx
				.selectFrom('notification')
				.select('id')
				.where('id', '=', notificationId)
				.where('userId', '=', actor.id)
				.executeTakeFirst();
			if (!mine) throw new NotFoundError();
		}
		await recordNotificationEvents(trx, 'notification.read', actor.id, rows);
	});
}

export async function markAllRead(db: Db, actor: Actor) {
	return db.transaction().execute(async (trx) => {
		const rows = await trx
			.updateTable('notification')
			.set({ readAt: new Date() })
			.where('userId', '=', actor.id)
			.where('readAt', 'is', null)
			.returning(['id', 'userId'])
			.execute();
		// One event is enough to update the count on every open tab.
		await recordNotificationEvents(trx, 'notification.read', actor.id, rows.slice(0, 1));
		return rows.length;
	});
}
