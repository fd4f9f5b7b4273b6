import type { Actor } from '../auth/policy';
import { loadViewer } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import {
	findOwnNotification,
	listNotificationRows,
	markAllUnreadRead,
	markOneRead,
	recordNotificationEvents,
	unreadCount as countUnread
} from './repository';

// A person's notifications: only ever their own, and only of cards they may still see (a card
// whose organisation they left is no longer theirs to read about).

export const NOTIFICATIONS_PAGE = 50;

export function unreadCount(db: Db, userId: number) {
	return countUnread(db, userId);
}

export async function listNotifications(db: Db, actor: Actor, options: { before?: number } = {}) {
	const viewer = await loadViewer(db, actor);
	return listNotificationRows(db, viewer, NOTIFICATIONS_PAGE, options.before);
}

/** Marks one notification read: the person's own, or nothing is found. */
export async function markRead(db: Db, actor: Actor, notificationId: number) {
	return db.transaction().execute(async (trx) => {
		const rows = await markOneRead(trx, actor.id, notificationId);
		if (rows.length === 0) {
			const mine = await findOwnNotification(trx, actor.id, notificationId);
			if (!mine) throw new NotFoundError();
		}
		await recordNotificationEvents(trx, 'notification.read', actor.id, rows);
	});
}

export async function markAllRead(db: Db, actor: Actor) {
	return db.transaction().execute(async (trx) => {
		const rows = await markAllUnreadRead(trx, actor.id);
		// One event is enough to update the count on every open tab.
		await recordNotificationEvents(trx, 'notification.read', actor.id, rows.slice(0, 1));
		return rows.length;
	});
}
