import { sql } from 'kysely';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { overdueCard } from '../goals/progress-repository';

// The dashboards' queries. Every card figure goes through visible.card, as the goal tree's do.

/** The live cards of a strategy the viewer may see, with their organisations and when done. */
export function cardRowsOf(db: Db, viewer: Viewer, strategyId: number) {
	return db
		.selectFrom('card')
		.innerJoin('goal', 'goal.id', 'card.goalId')
		.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select([
			'card.id',
			'goal.id as goalId',
			'boardColumn.status',
			overdueCard.as('overdue'),
			sql<
				{ id: number; role: 'lead' | 'partner' }[]
			>`coalesce((select json_agg(json_build_object('id', o.organization_id, 'role', o.role)) from card_organization o where o.card_id = card.id), '[]'::json)`.as(
				'orgs'
			),
			// When it was done: its latest move into a done column from another kind of column, or,
			// for a card made done (created there), its creation.
			sql<string | null>`case when board_column.status = 'done' then to_char(coalesce((
				select max(e.occurred_at) from event e
				join board_column t on t.id = (e.payload->>'toColumnId')::int
				left join board_column f on f.id = (e.payload->>'fromColumnId')::int
				where e.card_id = card.id and e.type = 'card.moved' and t.status = 'done'
					and f.status is distinct from 'done'
			), card.created_at), 'YYYY-MM-DD') end`.as('doneOn')
		])
		.where('goal.strategyId', '=', strategyId)
		.where('card.archivedAt', 'is', null)
		.where('board.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.execute();
}

/** Accepted activities overlapping the year on the cards of a strategy the viewer may see. */
export function activityRowsOf(db: Db, viewer: Viewer, strategyId: number, year: number) {
	return db
		.selectFrom('activityReport as r')
		.innerJoin('card', 'card.id', 'r.cardId')
		.innerJoin('goal', 'goal.id', 'card.goalId')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select(['goal.id as goalId', 'r.organizationId', 'r.participants'])
		.where('goal.strategyId', '=', strategyId)
		.where('r.status', '=', 'accepted')
		.where('r.periodStart', '<=', `${year}-12-31`)
		.where('r.periodEnd', '>=', `${year}-01-01`)
		.where('board.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.execute();
}

/** One of the organisations that is a county or a municipality, if any is. */
export function countySideOrganization(db: Db, orgIds: number[]) {
	return db
		.selectFrom('organization')
		.select('id')
		.where('id', 'in', orgIds)
		.where('kind', 'in', ['county', 'municipality'])
		.executeTakeFirst();
}

/** Every organisation, by name. */
export function listOrganizations(db: Db) {
	return db
		.selectFrom('organization')
		.select(['id', 'name', 'shortName', 'kind'])
		.orderBy('name')
		.execute();
}
