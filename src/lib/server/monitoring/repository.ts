import type { ReportPeriod } from '$lib/schemas/monitoring-report';
import type { Db } from '../db';
import { liveCardsOfStrategy } from '../db/pieces';

// The monitoring report's queries: the cards of a strategy and the activities accepted in a
// period. The report is the coordinator's, who sees everything, so no visibility rule applies.

/** The live cards of a strategy's boards that carry out a goal, with their lead organisation. */
export function strategyCardRows(db: Db, strategyId: number) {
	return liveCardsOfStrategy(db, strategyId)
		.select([
			'card.id',
			'card.title',
			'card.goalId',
			'card.dueDate',
			'boardColumn.status',
			'board.title as boardTitle',
			'leadOrg.name as leadName',
			'leadOrg.shortName as leadShortName'
		])
		.where('card.goalId', 'is not', null)
		.orderBy('card.title')
		.execute();
}

/** The accepted activity reports on a strategy's cards that overlap the period. */
export function acceptedActivityRows(db: Db, strategyId: number, period: ReportPeriod) {
	return (
		db
			.selectFrom('activityReport as r')
			.innerJoin('card', 'card.id', 'r.cardId')
			.innerJoin('board', 'board.id', 'card.boardId')
			.innerJoin('organization', 'organization.id', 'r.organizationId')
			.select([
				'r.id',
				'card.goalId',
				'card.title as cardTitle',
				'organization.name as organizationName',
				'organization.shortName as organizationShortName',
				'r.periodStart',
				'r.periodEnd',
				'r.summary',
				'r.participants',
				'r.outputs'
			])
			.where('board.strategyId', '=', strategyId)
			.where('r.status', '=', 'accepted')
			// Activities that overlap the period.
			.where('r.periodStart', '<=', period.to)
			.where('r.periodEnd', '>=', period.from)
			.orderBy('r.periodStart')
			.execute()
	);
}
