import { parseCardFilters } from '$lib/schemas/filters';
import { db } from '$lib/server/db/app';
import { getBoard } from '$lib/server/boards/service';
import { listGoalsOfStrategy } from '$lib/server/goals/repository';
import { handleDomain, idOr404 } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

// The board stays on screen behind an open card, so it is the layout's data: opening and closing
// a card reloads only the card.
export const load: LayoutServerLoad = async ({ params, locals, url }) => {
	const boardId = idOr404(params.id);
	const parsed = parseCardFilters(url.searchParams);
	// The board shows live cards only; the archive is a list.
	const filters = { ...parsed, archived: parsed.view === 'list' && parsed.archived };
	const data = await handleDomain(() => getBoard(db(), locals.user!, boardId, filters));
	const goals = await listGoalsOfStrategy(db(), data.board.strategyId);
	const { viewer, ...rest } = data;
	const isStaff = viewer.role !== 'member';
	return {
		...rest,
		filters,
		goals: goals.map(({ id, parentId, level, code, title, position }) => ({
			id,
			parentId,
			level,
			code,
			title,
			position
		})),
		// The organisations the viewer may name as a new card's lead.
		leadOptions: data.board.participants.filter((o) => isStaff || viewer.orgs.has(o.id))
	};
};
