import { cardFilterSchema, type CardFilters } from '$lib/schemas/filters';
import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import * as cards from '../cards/lists-repository';
import * as repo from './repository';

// Reading boards. A board the viewer may not open answers 404, like a board that is not there.

export type BoardWithFacts = NonNullable<Awaited<ReturnType<typeof repo.findBoard>>>;

/** The board, if the viewer may open it: a participant, or a partner on one of its cards. */
export async function boardFor(db: Db, viewer: Viewer, boardId: number): Promise<BoardWithFacts> {
	const board = await repo.findBoard(db, boardId);
	if (!board || board.archivedAt) throw new NotFoundError();
	if (can.seeBoard(viewer, board)) return board;
	if (await repo.takesPartOnBoard(db, boardId, [...viewer.orgs.keys()])) return board;
	throw new NotFoundError();
}

export async function listBoards(db: Db, actor: Actor) {
	const viewer = await loadViewer(db, actor);
	return repo.listBoardsFor(db, viewer);
}

/**
 * Everything the board page shows: the board, its columns (with how many visible cards each
 * holds, for WIP limits), and the visible cards the filters select — as tiles for the board
 * view, as rows for the list view.
 */
export async function getBoard(
	db: Db,
	actor: Actor,
	boardId: number,
	filters: CardFilters = cardFilterSchema.parse({})
) {
	const viewer = await loadViewer(db, actor);
	const board = await boardFor(db, viewer, boardId);
	const list = filters.view === 'list';
	const [columns, counts, tiles, rows, filterOptions] = await Promise.all([
		repo.listColumns(db, boardId),
		cards.countByColumn(db, boardId, viewer),
		list ? [] : cards.listBoardTiles(db, boardId, viewer, filters),
		list ? cards.listBoardRows(db, boardId, viewer, filters) : [],
		cards.filterOptions(db, boardId, viewer)
	]);
	return {
		board,
		columns: columns.map((c) => ({ ...c, cardCount: counts.get(c.id) ?? 0 })),
		tiles,
		rows,
		filterOptions,
		canManage: can.manageBoard(viewer, board),
		canCreate: can.createCard(viewer, board),
		viewer
	};
}

/** Cards assigned to the viewer or to their organisations, on every board they may see. */
export async function getMyWork(db: Db, actor: Actor, filters: CardFilters) {
	const viewer = await loadViewer(db, actor);
	return cards.listMyWork(db, viewer, filters);
}
