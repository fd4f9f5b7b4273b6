import { parseCardFilters } from '$lib/schemas/filters';
import type { Actor } from '../auth/policy';
import type { Db } from '../db';
import { listGoalOutline } from '../goals/repository';
import { getBoard } from '../cards/lists';

/**
 * The board page's data for a URL's query string: the board with its tiles or rows, the filters
 * read from the query, the strategy's goals (for the picker, the filters and the tiles' goal
 * codes) and the organisations the viewer may name as a new card's lead. The page's load and the
 * board benchmark both call this, so the benchmark measures what the page does.
 */
export async function boardPage(db: Db, actor: Actor, boardId: number, query: URLSearchParams) {
	const parsed = parseCardFilters(query);
	// The board shows live cards only; the archive is a list.
	const filters = { ...parsed, archived: parsed.view === 'list' && parsed.archived };
	const { viewer, ...data } = await getBoard(db, actor, boardId, filters);
	const goals = await listGoalOutline(db, data.board.strategyId);
	const isStaff = viewer.role !== 'member';
	return {
		...data,
		filters,
		goals,
		leadOptions: data.board.participants.filter((o) => isStaff || viewer.orgs.has(o.id))
	};
}
