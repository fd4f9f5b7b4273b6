import { sql, type ExpressionBuilder } from 'kysely';
import type { CardFilters } from '$lib/schemas/filters';
import type { Database } from '../db/schema';

// The card filters as one SQL condition on `card` (joined with `board_column` as boardColumn), so
// that every view filters the same way and only after the visibility rule has been applied.

type Eb = ExpressionBuilder<Database & { card: Database['card'] }, 'card' | 'boardColumn'>;

export function cardMatches(filters: CardFilters, viewerId: number) {
	return (eb: Eb) => {
		const conditions = [];
		if (filters.goal) {
			// The goal or any goal under it: a strategic goal's filter shows the cards of its tasks.
			conditions.push(
				eb(
					'card.goalId',
					'in',
					sql<number>`(with recursive sub(id) as (
						select ${filters.goal}::int
						union all select g.id from goal g join sub on g.parent_id = sub.id
					) select id from sub)`
				)
			);
		}
		if (filters.org) {
			conditions.push(
				eb.exists(
					eb
						.selectFrom('cardOrganization as filterOrg')
						.select(sql`1`.as('one'))
						.whereRef('filterOrg.cardId', '=', 'card.id')
						.where('filterOrg.organizationId', '=', filters.org)
				)
			);
		}
		if (filters.assignee) {
			const userId = filters.assignee === 'me' ? viewerId : filters.assignee;
			conditions.push(
				eb.exists(
					eb
						.selectFrom('cardAssignee as filterAssignee')
						.select(sql`1`.as('one'))
						.whereRef('filterAssignee.cardId', '=', 'card.id')
						.where('filterAssignee.userId', '=', userId)
				)
			);
		}
		if (filters.label) conditions.push(sql<boolean>`${filters.label} = any(card.labels)`);
		if (filters.due === 'none') conditions.push(eb('card.dueDate', 'is', null));
		if (filters.due === 'overdue') {
			conditions.push(eb('card.dueDate', '<', sql<string>`current_date`));
			conditions.push(eb('boardColumn.status', '!=', 'done'));
		}
		if (filters.due === 'week') {
			conditions.push(eb('card.dueDate', '>=', sql<string>`current_date`));
			conditions.push(eb('card.dueDate', '<', sql<string>`current_date + 7`));
		}
		if (filters.q) {
			const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
			conditions.push(
				eb.or([eb('card.title', 'ilike', pattern), eb('card.description', 'ilike', pattern)])
			);
		}
		return conditions.length ? eb.and(conditions) : eb.val(true);
	};
}
