import { parseCardFilters } from '$lib/schemas/filters';
import { readLabelColours } from '$lib/schemas/label-colours';
import type { Actor } from '../auth/policy';
import type { Db } from '../db';
import { cachedGoalOutline } from '../goals/repository';
import { getBoard } from '../cards/lists';

/**
 * The board page's data for a URL's query string: the board with its tiles or rows, the filters
 * read from the query, the strategy's goals and the board's label colours. The page's load and
 * the board benchmark both call this, so the benchmark measures what the page does.
 *
 * Lean on purpose: a tile carries ids (its goal, lead, people), and each goal, organisation and
 * person travels once, in the lists beside the tiles, however many cards name it. The goals are
 * the strategy's whole outline, which the tiles' goal chains, the goal filter and the card
 * dialog's goal picker all read; it is kept in memory until its goals change.
 */
export async function boardPage(db: Db, actor: Actor, boardId: number, query: URLSearchParams) {
	const parsed = parseCardFilters(query);
	// The board shows live cards only; the archive is a list.
	const filters = { ...parsed, archived: parsed.view === 'list' && parsed.archived };
	const { board, ...data } = await getBoard(db, actor, boardId, filters);
	const goals = await cachedGoalOutline(db, board.strategyId, board.outlineVersion);
	return {
		...data,
		board: {
			id: board.id,
			title: board.title,
			description: board.description,
			ownerName: board.ownerName,
			ownerShortName: board.ownerShortName,
			isJoint: board.isJoint,
			strategyId: board.strategyId,
			strategyOwner: board.strategyOwner,
			// A joint board's organisations, named in its header.
			participants: board.participants.map(({ id, name, shortName }) => ({ id, name, shortName }))
		},
		labelColours: readLabelColours(board.labelColours),
		filters,
		goals,
		// Read with the board, before its cards: the live updates start from here.
		lastEventId: board.latestEventId
	};
}
