import { sql } from 'kysely';
import type { Db } from '../db';
import { recordNotificationEvents } from './repository';

// "Due within 3 days or overdue": one notification per person, card and due date, for the cards
// they are assigned to or whose lead organisation they manage, while the card is live and not
// done. Run at start and then periodically by the jobs scheduler (jobs/scheduler.ts); a changed due date warns
// again, the same one never twice (a unique index).

export const DUE_SOON_DAYS = 3;

export async function sweepDueNotifications(db: Db, today: string | null = null): Promise<number> {
	const day = today ? sql`${today}::date` : sql`current_date`;
	return db.transaction().execute(async (trx) => {
		const concerned = trx
			.selectFrom('card')
			.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
			.innerJoin('cardAssignee', 'cardAssignee.cardId', 'card.id')
			.select(['cardAssignee.userId', 'card.id as cardId', 'card.dueDate'])
			.where('card.archivedAt', 'is', null)
			.where('boardColumn.status', '!=', 'done')
			.where('card.dueDate', '<=', sql<string>`${day} + ${sql.lit(DUE_SOON_DAYS)}`)
			.union(
				trx
					.selectFrom('card')
					.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
					.innerJoin('cardOrganization', 'cardOrganization.cardId', 'card.id')
					.innerJoin('membership', 'membership.organizationId', 'cardOrganization.organizationId')
					.select(['membership.userId', 'card.id as cardId', 'card.dueDate'])
					.where('card.archivedAt', 'is', null)
					.where('boardColumn.status', '!=', 'done')
					.where('cardOrganization.role', '=', 'lead')
					.where('membership.role', '=', 'manager')
					.where('card.dueDate', '<=', sql<string>`${day} + ${sql.lit(DUE_SOON_DAYS)}`)
			);
		const rows = await trx
			.insertInto('notification')
			.columns(['userId', 'cardId', 'dueDate', 'type'])
			.expression(
				trx
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
		await recordNotificationEvents(trx, 'notification.created', null, rows);
		return rows.length;
	});
}
