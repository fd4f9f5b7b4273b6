import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import * as repo from './repository';

// Reading boards. A board the viewer may not open answers 404, like a board that is not there.

export type BoardWithFacts = NonNullable<Awaited<ReturnType<typeof repo.findBoard>>>;

/**
 * The board, if the viewer may open it: a participant, or a partner on one of its cards. Read
 * by `find`: the board alone, or with what its page needs besides.
 */
export async function boardFor(db: Db, viewer: Viewer, boardId: number): Promise<BoardWithFacts>;
export async function boardFor<B extends BoardWithFacts>(
	db: Db,
	viewer: Viewer,
	boardId: number,
	find: (db: Db, id: number) => Promise<B | undefined>
): Promise<B>;
export async function boardFor(
	db: Db,
	viewer: Viewer,
	boardId: number,
	find: (db: Db, id: number) => Promise<BoardWithFacts | undefined> = repo.findBoard
) {
	const board = await find(db, boardId);
	if (!board || board.archivedAt) throw new NotFoundError();
	if (can.seeBoard(viewer, board)) return board;
	if (await repo.takesPartOnBoard(db, boardId, [...viewer.orgs.keys()])) return board;
	throw new NotFoundError();
}

export async function listBoards(db: Db, actor: Actor) {
	const viewer = await loadViewer(db, actor);
	return repo.listBoardsFor(db, viewer);
}
