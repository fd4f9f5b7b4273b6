import { todayInTorun } from '$lib/components/ui/format';
import { can, loadViewer, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { deskCycleLines } from '../cycles/service';
import { DESK_ROWS, dueCardsOf, recentBoardsOf, strategyOverview } from '../desk/repository';
import { unreadMentions } from '../notifications/repository';
import { listQueue, countQueues } from '../reports/queue-repository';
import { reviewsReports } from '../reports/queue';
import { listMemberships } from '../users/service';

/**
 * The home page: one person's desk. What is theirs to do now (cards overdue and due this week,
 * unread mentions, reports waiting for their review, their reports returned for changes), the
 * boards they work on, and for the staff a few figures across the strategy. Every section is read
 * at once, each in one statement, so the page costs the same whatever the data.
 */
export async function deskPage(db: Db, actor: Actor, today: string = todayInTorun()) {
	const viewer = await loadViewer(db, actor);
	const staff = can.seeEverything(viewer);
	const reviewer = reviewsReports(viewer);
	const [memberships, due, mentions, counts, toReview, returned, boards, overview, cycles] =
		await Promise.all([
			listMemberships(db, viewer.id),
			dueCardsOf(db, viewer, today, DESK_ROWS),
			unreadMentions(db, viewer, DESK_ROWS),
			countQueues(db, viewer),
			reviewer ? listQueue(db, viewer, 'review', { limit: DESK_ROWS }) : [],
			listQueue(db, viewer, 'mine', { states: ['returned'], limit: DESK_ROWS }),
			recentBoardsOf(db, viewer, today, DESK_ROWS),
			staff ? strategyOverview(db, viewer, today) : null,
			deskCycleLines(db, viewer)
		]);
	return {
		today,
		role: viewer.role,
		reviewer,
		memberships,
		due: { rows: due, total: due[0]?.total ?? 0 },
		mentions: { rows: mentions, total: mentions[0]?.total ?? 0 },
		toReview: { rows: toReview, total: counts.review },
		returned: { rows: returned, total: counts.returned },
		boards,
		// Reporting cycles: per open cycle and organisation of theirs, the cards still to report on.
		cycles,
		overview: overview && { ...overview, waiting: counts.waiting }
	};
}

export type DeskPage = Awaited<ReturnType<typeof deskPage>>;
