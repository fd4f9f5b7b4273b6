import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import * as cards from '../cards/repository';
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

/** Everything the board page shows: the board, its columns and the cards the viewer may see. */
export async function getBoard(db: Db, actor: Actor, boardId: number) {
	const viewer = await loadViewer(db, actor);
	const board = await boardFor(db, viewer, boardId);
	const [columns, boardCards] = await Promise.all([
		repo.listColumns(db, boardId),
		cards.listBoardCards(db, boardId, viewer)
	]);
	return {
		board,
		columns,
		cards: boardCards,
		canManage: can.manageBoard(viewer, board),
		canCreate: can.createCard(viewer, board),
		viewer
	};
}
