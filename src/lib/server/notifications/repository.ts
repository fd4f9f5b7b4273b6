import { sql } from 'kysely';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import type { NotificationType } from '../db/schema';
import { eventRow } from '../events/repository';

// Notifications and who receives them. Each new or read notification also writes an event (type
// `notification.*`, payload `{ userId }`), from which the real-time server updates that person's
// unread count on every tab they have open.

/** The people a card concerns: its assignees, and the managers of its lead organisation. */
export function peopleOfCard(db: Db, cardId: number) {
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

/** The managers of an organisation: who hears that a card was given to it. */
export function managersOf(db: Db, organizationId: number) {
	return db
		.selectFrom('membership')
		.select('userId as id')
		.where('organizationId', '=', organizationId)
		.where('role', '=', 'manager')
		.execute();
}

export interface NewNotifications {
	userIds: readonly number[];
	type: NotificationType;
	cardId: number;
	commentId?: number | null;
	/** For report_*: the report it is about. */
	reportId?: number | null;
	actorId: number | null;
}

/** Notifies people (never the actor of the change) and records the events that push the counts. */
export async function notify(trx: Db, n: NewNotifications): Promise<number[]> {
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
				reportId: n.reportId ?? null,
				actorId: n.actorId
			}))
		)
		.returning(['id', 'userId'])
		.execute();
	await recordNotificationEvents(trx, 'notification.created', n.actorId, rows);
	return rows.map((r) => r.userId);
}

export async function recordNotificationEvents(
	trx: Db,
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

export async function unreadCount(db: Db, userId: number): Promise<number> {
	const row = await db
		.selectFrom('notification')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('userId', '=', userId)
		.where('readAt', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * A page of a person's notifications of cards they may see (and their reporting cycles'
 * reminders, which name no card), newest first.
 */
export function listNotificationRows(db: Db, viewer: Viewer, limit: number, before?: number) {
	let query = db
		.selectFrom('notification')
		.leftJoin('card', 'card.id', 'notification.cardId')
		.leftJoin('user as actor', 'actor.id', 'notification.actorId')
		.leftJoin('activityReport as report', 'report.id', 'notification.reportId')
		.leftJoin('reportingCycle as cycle', 'cycle.id', 'notification.cycleId')
		.leftJoin('strategy as cycleStrategy', 'cycleStrategy.id', 'cycle.strategyId')
		.leftJoin('reportingCycleReminder as reminder', 'reminder.notificationId', 'notification.id')
		.select([
			'notification.id',
			'notification.type',
			'notification.cardId',
			'notification.commentId',
			'notification.reportId',
			'report.returnReason',
			'notification.dueDate',
			'notification.createdAt',
			'notification.readAt',
			'card.title as cardTitle',
			'card.boardId',
			'actor.name as actorName',
			'notification.cycleId',
			'cycle.title as cycleTitle',
			'cycle.deadline as cycleDeadline',
			'cycleStrategy.slug as cycleSlug',
			'reminder.organizationId as cycleOrganizationId',
			'reminder.outstanding as cycleOutstanding',
			sql<boolean>`notification.due_date < current_date`.as('overdue')
		])
		.where('notification.userId', '=', viewer.id)
		.where((eb) =>
			eb.or([
				eb('notification.cardId', 'is', null),
				visible.card(viewer)(eb as unknown as Parameters<ReturnType<typeof visible.card>>[0])
			])
		)
		.orderBy('notification.id', 'desc')
		.limit(limit);
	if (before) query = query.where('notification.id', '<', before);
	return query.execute();
}

/**
 * A person's unread mentions on cards they may still see, newest first, with the start of the
 * comment and how many there are in all.
 */
export function unreadMentions(db: Db, viewer: Viewer, limit: number) {
	return db
		.selectFrom('notification')
		.innerJoin('card', 'card.id', 'notification.cardId')
		.leftJoin('comment', 'comment.id', 'notification.commentId')
		.leftJoin('user as actor', 'actor.id', 'notification.actorId')
		.select([
			'notification.id',
			'card.id as cardId',
			'notification.commentId',
			'notification.createdAt',
			'card.title as cardTitle',
			'card.boardId',
			'actor.name as actorName',
			sql<string | null>`case when comment.deleted_at is null then left(comment.body, 240) end`.as(
				'excerpt'
			),
			sql<number>`(count(*) over ())::int`.as('total')
		])
		.where('notification.userId', '=', viewer.id)
		.where('notification.type', '=', 'mentioned')
		.where('notification.readAt', 'is', null)
		.where(visible.card(viewer))
		.orderBy('notification.id', 'desc')
		.limit(limit)
		.execute();
}

/** Marks one of a person's unread notifications read; returns it, or nothing. */
export function markOneRead(db: Db, userId: number, notificationId: number) {
	return db
		.updateTable('notification')
		.set({ readAt: new Date() })
		.where('id', '=', notificationId)
		.where('userId', '=', userId)
		.where('readAt', 'is', null)
		.returning(['id', 'userId'])
		.execute();
}

/** Marks all of a person's unread notifications read; returns them. */
export function markAllUnreadRead(db: Db, userId: number) {
	return db
		.updateTable('notification')
		.set({ readAt: new Date() })
		.where('userId', '=', userId)
		.where('readAt', 'is', null)
		.returning(['id', 'userId'])
		.execute();
}

/** Whether the notification is the person's. */
export function findOwnNotification(db: Db, userId: number, notificationId: number) {
	return db
		.selectFrom('notification')
		.select('id')
		.where('id', '=', notificationId)
		.where('userId', '=', userId)
		.executeTakeFirst();
}

/** "Due within 3 days or overdue" (see due.ts). */
export const DUE_SOON_DAYS = 3;

/**
 * Writes the missing "due" notifications as of `today` (the database's date when null) and
 * returns them: one per person, card and due date, never the same twice (a unique index).
 */
export function insertDueNotifications(db: Db, today: string | null) {
	const day = today ? sql`${today}::date` : sql`current_date`;
	const concerned = db
		.selectFrom('card')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.innerJoin('cardAssignee', 'cardAssignee.cardId', 'card.id')
		.select(['cardAssignee.userId', 'card.id as cardId', 'card.dueDate'])
		.where('card.archivedAt', 'is', null)
		.where('boardColumn.status', '!=', 'done')
		.where('card.dueDate', '<=', sql<string>`${day} + ${sql.lit(DUE_SOON_DAYS)}`)
		.union(
			db
				.selectFrom('card')
				.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
				.innerJoin('cardOrganization', 'cardOrganization.cardId', 'card.id')
				.innerJoin('membership', 'membership.organizationId', 'cardOrganization.organizationId')
				.select(['membership.userId', 'card.id as cardId', 'card.dueDate'])
				.where('card.archivedAt', 'is', null)
				.where('boardColumn.status', '!=', 'done')
				.where('cardOrganization.role', '=', 'lead')
				.where('card.dueDate', '<=', sql<string>`${day} + ${sql.lit(DUE_SOON_DAYS)}`)
				// No one is assigned: the whole lead organisation is told, so the date is not missed.
				.where(({ not, exists, selectFrom }) =>
					not(
						exists(
							selectFrom('cardAssignee as assigned')
								.select('assigned.userId')
								.whereRef('assigned.cardId', '=', 'card.id')
						)
					)
				)
		);
	return db
		.insertInto('notification')
		.columns(['userId', 'cardId', 'dueDate', 'type'])
		.expression(
			db
				.selectFrom(concerned.as('c'))
				.innerJoin('user', 'user.id', 'c.userId')
				.select(['c.userId', 'c.cardId', 'c.dueDate', sql.lit('due').as('type')])
				.where('user.disabledAt', 'is', null)
		)
		.onConflict((oc) =>
			oc.columns(['userId', 'cardId', 'dueDate']).where('type', '=', 'due').doNothing()
		)
		.returning(['id', 'userId'])
		.execute();
}
