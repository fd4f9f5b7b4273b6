import { comparePolish } from '$lib/domain/names';
import { cardFilterSchema, isFiltered, type CardFilters } from '$lib/schemas/filters';
import { can, loadViewer, type Actor } from '../auth/policy';
import { boardFor } from '../boards/service';
import * as boards from '../boards/repository';
import type { Db } from '../db';
import * as cards from './lists-repository';

// The cards of a board, and of every board, as a viewer may see them and the filters select.

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
	const { columns, ...board } = await boardFor(db, viewer, boardId, boards.findBoardForPage);
	const list = filters.view === 'list';
	// Unfiltered, the board's tiles count each column's visible cards themselves.
	const countsApart = list || isFiltered(filters);
	const [counted, tiles, rows, filterOptions] = await Promise.all([
		countsApart ? cards.countByColumn(db, boardId, viewer) : null,
		list ? [] : cards.listBoardTiles(db, boardId, viewer, filters),
		list ? cards.listBoardRows(db, boardId, viewer, filters) : [],
		cards.filterOptions(db, boardId, viewer)
	]);
	// How many cards of each column the filters select (a column sends its first `per` only).
	const matching = new Map(tiles.map((t) => [t.columnId, t.matching]));
	const counts = counted ?? matching;
	return {
		board,
		columns: columns.map((c) => ({
			...c,
			cardCount: counts.get(c.id) ?? 0,
			matching: matching.get(c.id) ?? 0
		})),
		tiles,
		rows,
		filterOptions,
		canManage: can.manageBoard(viewer, board),
		canCreate: can.createCard(viewer, board)
	};
}

/**
 * Cards assigned to the viewer or to their organisations, on every board they may see: the first
 * rows the filters select, how many they select in all, and the labels to filter by.
 */
export async function getMyWork(db: Db, actor: Actor, filters: CardFilters) {
	const viewer = await loadViewer(db, actor);
	const [rows, labels] = await Promise.all([
		cards.listMyWork(db, viewer, filters),
		cards.listMyWorkLabels(db, viewer)
	]);
	return {
		rows: rows.map(({ total, ...row }) => (void total, row)),
		total: rows[0]?.total ?? 0,
		labels: labels.sort(comparePolish)
	};
}
