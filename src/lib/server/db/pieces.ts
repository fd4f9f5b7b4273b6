import type { Kysely, Nullable, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema';

// Query pieces shared by the repositories of several features. They live here, beside the
// Database types and below every feature, so that cards, goals, monitoring and the public page
// all use them without importing one another (no import cycle between features).

/** The tables `withLead` adds: a left join, so every column may be null. */
export interface LeadTables {
	lead: Nullable<Database['cardOrganization']>;
	leadOrg: Nullable<Database['organization']>;
}

/**
 * Joins a card's lead organisation, if it has one: `lead` (its card_organization row with the
 * role 'lead') and `leadOrg` (the organisation). A query over `card` adds it with
 * `.$call(withLead)` and selects, e.g., `'leadOrg.name as leadName'`.
 */
export function withLead<DB extends Database, TB extends keyof DB, O>(
	qb: SelectQueryBuilder<DB, TB | 'card', O>
): SelectQueryBuilder<DB & LeadTables, TB | 'card' | keyof LeadTables, O> {
	// Typed on the plain schema (Kysely cannot check a join against a generic DB), then handed
	// back with the caller's own tables.
	return (qb as unknown as SelectQueryBuilder<Database, 'card', O>)
		.leftJoin('cardOrganization as lead', (join) =>
			join.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.leftJoin(
			'organization as leadOrg',
			'leadOrg.id',
			'lead.organizationId'
		) as unknown as SelectQueryBuilder<DB & LeadTables, TB | 'card' | keyof LeadTables, O>;
}

/**
 * The live cards of a strategy's boards, each with its board, its column and its lead
 * organisation (`withLead`): what the monitoring report and the public page start from.
 */
export function liveCardsOfStrategy(db: Kysely<Database>, strategyId: number) {
	return db
		.selectFrom('card')
		.innerJoin('board', 'board.id', 'card.boardId')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.$call(withLead)
		.where('board.strategyId', '=', strategyId)
		.where('card.archivedAt', 'is', null);
}
