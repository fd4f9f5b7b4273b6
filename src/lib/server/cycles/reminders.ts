import { dueStep, isIn, stateOf } from '$lib/domain/cycles';
import { todayInTorun } from '$lib/components/ui/format';
import type { Db } from '../db';
import { recordNotificationEvents } from '../notifications/repository';
import * as repo from './repository';

// Reminders of open cycles, in the app and by e-mail: on the days set when the cycle was opened
// (e.g. 14 and 3 days before its deadline, 1 and 7 days after), to every member of each
// organisation that still has a card to report on — not submitted or accepted — and never once its
// reports are in. Run by the jobs scheduler at start and then periodically: each reminder
// (cycle, organisation, person, step) is written once, its key in reporting_cycle_reminder, in the
// transaction that writes its notification; a second run, on this instance or another, writes
// nothing. The e-mail is the outbox's (email/producer.ts), made from the notification.

export async function sweepCycleReminders(db: Db, today: string = todayInTorun()): Promise<number> {
	const cycles = await repo.openCycles(db);
	let written = 0;
	for (const cycle of cycles) {
		const step = dueStep(cycle, today);
		if (!step) continue;
		const rows = await repo.obligationRows(db, [cycle.id]);
		const outstanding = new Map<number, number>();
		for (const r of rows)
			if (!isIn(stateOf(r.status)))
				outstanding.set(r.organizationId, (outstanding.get(r.organizationId) ?? 0) + 1);
		if (outstanding.size === 0) continue;
		written += await db.transaction().execute(async (trx) => {
			const members = await repo.membersOf(trx, [...outstanding.keys()]);
			const inserted = await repo.insertReminders(
				trx,
				members.map((p) => ({
					cycleId: cycle.id,
					organizationId: p.organizationId,
					userId: p.userId,
					step,
					outstanding: outstanding.get(p.organizationId)!
				}))
			);
			const notices = [];
			for (const key of inserted) {
				const notice = await repo.insertReminderNotification(trx, key.userId, cycle.id);
				await repo.linkReminder(trx, key, notice.id);
				notices.push(notice);
			}
			await recordNotificationEvents(trx, 'notification.created', null, notices);
			return notices.length;
		});
	}
	return written;
}
