import type { Db } from '../db';
import { withLead } from '../db/pieces';

// The public progress page's queries. Nothing here names a person.

/** The current city strategy (the latest, should there be two). */
export function currentCityStrategy(db: Db) {
	return db
		.selectFrom('strategy')
		.select(['id', 'title', 'periodStart', 'periodEnd', 'mission'])
		.where('status', '=', 'current')
		.where('owner', '=', 'city')
		.orderBy('periodEnd', 'desc')
		.executeTakeFirst();
}

/**
 * The live cards of a strategy's boards marked public: title, status, lead organisation and
 * dates only.
 */
export function publicCardRows(db: Db, strategyId: number) {
	return db
		.selectFrom('card')
		.innerJoin('board', 'board.id', 'card.boardId')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.$call(withLead)
		.select([
			'card.id',
			'card.title',
			'card.goalId',
			'card.startDate',
			'card.dueDate',
			'boardColumn.status',
			'leadOrg.name as leadName'
		])
		.where('card.isPublic', '=', true)
		.where('card.archivedAt', 'is', null)
		.where('board.strategyId', '=', strategyId)
		.orderBy('card.dueDate')
		.orderBy('card.id')
		.execute();
}
