import type { Db } from '../db';
import { liveCardsOfStrategy } from '../db/pieces';

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
	return liveCardsOfStrategy(db, strategyId)
		.select([
			'card.id',
			'card.title',
			'card.goalId',
			'card.startDate',
			'card.dueDate',
			'boardColumn.status',
			'leadOrg.name as leadName',
			'leadOrg.shortName as leadShortName'
		])
		.where('card.isPublic', '=', true)
		.orderBy('card.dueDate')
		.orderBy('card.id')
		.execute();
}
