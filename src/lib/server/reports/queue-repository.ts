import { sql, type ExpressionBuilder } from 'kysely';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import type { Database, ReportStatus } from '../db/schema';

// The report queues: what waits for a person's review, their own reports, and every report a
// coordinator may see. Every query keeps to the cards the viewer may see (visible.card) and to the
// reports they may review (visible.reviewableReport); nobody sees someone else's draft.

type Scope = ExpressionBuilder<Database, 'activityReport' | 'card'>;

export type ReportQueue = 'review' | 'mine' | 'all';

/** The reports of the queue, by the viewer: its `where`. */
function inQueue(viewer: Viewer, queue: ReportQueue) {
	return (eb: Scope) => {
		switch (queue) {
			case 'review':
				return eb.and([
					eb('activityReport.status', '=', 'submitted'),
					visible.reviewableReport(viewer)(eb)
				]);
			case 'mine':
				return eb('activityReport.authorId', '=', viewer.id);
			case 'all':
				return eb.or([
					eb('activityReport.status', '!=', 'draft'),
					eb('activityReport.authorId', '=', viewer.id)
				]);
		}
	};
}

function reportsOf(db: Db, viewer: Viewer) {
	return db
		.selectFrom('activityReport')
		.innerJoin('card', 'card.id', 'activityReport.cardId')
		.where(visible.card(viewer));
}

/**
 * How many reports each queue holds for the viewer, and how many of their own came back, in one
 * statement. `waiting`: every submitted report the viewer may see (a coordinator's overview).
 */
export async function countQueues(db: Db, viewer: Viewer) {
	const n = (e: ReturnType<ReturnType<typeof inQueue>>) => (eb: Scope) =>
		sql<number>`(${eb.fn.countAll().filterWhere(e)})::int`;
	const row = await reportsOf(db, viewer)
		.select((eb) => [
			n(inQueue(viewer, 'review')(eb))(eb).as('review'),
			n(inQueue(viewer, 'mine')(eb))(eb).as('mine'),
			n(inQueue(viewer, 'all')(eb))(eb).as('all'),
			n(
				eb.and([
					eb('activityReport.authorId', '=', viewer.id),
					eb('activityReport.status', '=', 'returned')
				])
			)(eb).as('returned'),
			n(eb('activityReport.status', '=', 'submitted'))(eb).as('waiting')
		])
		.executeTakeFirstOrThrow();
	return {
		review: Number(row.review),
		mine: Number(row.mine),
		all: Number(row.all),
		returned: Number(row.returned),
		waiting: Number(row.waiting)
	};
}

/** A queue's reports with what a row shows, in the order that queue is worked through. */
export function listQueue(
	db: Db,
	viewer: Viewer,
	queue: ReportQueue,
	options: { states?: readonly ReportStatus[]; limit: number }
) {
	let query = reportsOf(db, viewer)
		.innerJoin('board', 'board.id', 'card.boardId')
		.innerJoin('organization as org', 'org.id', 'activityReport.organizationId')
		.leftJoin('user as author', 'author.id', 'activityReport.authorId')
		.leftJoin('user as reviewer', 'reviewer.id', 'activityReport.reviewedBy')
		.select([
			'activityReport.id',
			'activityReport.status',
			'activityReport.periodStart',
			'activityReport.periodEnd',
			'activityReport.summary',
			'activityReport.returnReason',
			'activityReport.submittedAt',
			'activityReport.reviewedAt',
			'activityReport.updatedAt',
			'card.id as cardId',
			'card.title as cardTitle',
			'board.id as boardId',
			'board.title as boardTitle',
			'org.name as organizationName',
			'org.shortName as organizationShortName',
			'author.name as authorName',
			'reviewer.name as reviewerName'
		])
		.where((eb) => inQueue(viewer, queue)(eb))
		.limit(options.limit);
	if (options.states?.length) query = query.where('activityReport.status', 'in', options.states);
	if (queue === 'review')
		// The longest waiting first: a queue is worked from its oldest end.
		return query
			.orderBy('activityReport.submittedAt', 'asc')
			.orderBy('activityReport.id')
			.execute();
	if (queue === 'mine')
		// What needs the author first: returned, then drafts, then the rest.
		query = query.orderBy(
			sql`case activity_report.status when 'returned' then 0 when 'draft' then 1 else 2 end`
		);
	return query
		.orderBy('activityReport.updatedAt', 'desc')
		.orderBy('activityReport.id', 'desc')
		.execute();
}
