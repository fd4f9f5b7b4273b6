import type { Db } from '../db';
import { DUE_SOON_DAYS, insertDueNotifications, recordNotificationEvents } from './repository';

// "Due within 3 days or overdue": one notification per person, card and due date, to the people
// assigned to the card or, when no one is, to every member of its lead organisation, while the
// card is live and not done. Run at start and then periodically by the jobs scheduler (jobs/scheduler.ts); a changed due date warns
// again, the same one never twice (a unique index).

export { DUE_SOON_DAYS };

export async function sweepDueNotifications(db: Db, today: string | null = null): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const rows = await insertDueNotifications(trx, today);
		await recordNotificationEvents(trx, 'notification.created', null, rows);
		return rows.length;
	});
}
