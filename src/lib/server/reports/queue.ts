import type { ReportQueueQuery, ReportTab } from '$lib/schemas/report-queues';
import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { countQueues, listQueue } from './queue-repository';

// The reports page: a reviewer's queue, one's own reports, and for the staff every report. Which
// reports each holds is the policy's (queue-repository.ts); here, which tabs a person has.

export const QUEUE_ROWS = 200;

/**
 * Whether the person reviews reports at all: the staff, and the managers of an organisation
 * (who review the reports on the cards it leads). Only whether the tab shows; what it holds is
 * visible.reviewableReport's.
 */
export function reviewsReports(viewer: Viewer): boolean {
	return can.seeEverything(viewer) || [...viewer.orgs.values()].includes('manager');
}

export function reportTabsOf(viewer: Viewer): ReportTab[] {
	return [
		...(reviewsReports(viewer) ? (['review'] as const) : []),
		'mine',
		...(can.seeEverything(viewer) ? (['all'] as const) : [])
	];
}

export async function reportQueues(db: Db, actor: Actor, query: ReportQueueQuery) {
	const viewer = await loadViewer(db, actor);
	const tabs = reportTabsOf(viewer);
	const counts = await countQueues(db, viewer);
	// Without a tab named, a reviewer with something waiting starts at their queue.
	const tab =
		query.tab && tabs.includes(query.tab)
			? query.tab
			: tabs.includes('review') && counts.review > 0
				? 'review'
				: 'mine';
	const state = tab === 'review' ? undefined : query.state;
	const reports = await listQueue(db, viewer, tab, {
		states: state ? [state] : undefined,
		limit: QUEUE_ROWS
	});
	return { tabs, tab, state: state ?? null, counts, reports };
}
