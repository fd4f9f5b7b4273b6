import { OFF_BOARD } from '$lib/events/catalogue';
import type { BoardEvent, CardMove, Viewer } from '$lib/realtime/events';
import { BoardFeed } from '$lib/realtime/feed';
import { watchRoom } from '$lib/realtime/client';

// An open board, live: moves are applied in place at once (the card glides to its new place);
// any other change, and the counts a move changes, come from reloading the board's data over
// HTTP, where the access rules decide what this person sees (a card that became invisible
// disappears). Reloads are coalesced: one at a time, and at most one waiting.

interface Placed {
	id: number;
	columnId: number;
	position: string;
	version: number;
}

/** The tiles with a move applied, in board order; null when it changes nothing shown. */
export function applyMove<T extends Placed>(tiles: readonly T[], cardId: number, move: CardMove) {
	const tile = tiles.find((t) => t.id === cardId);
	// Not shown here (filtered out, or not visible), or already there: nothing to do.
	if (!tile || tile.version >= move.version) return null;
	const moved = {
		...tile,
		columnId: move.columnId,
		position: move.position,
		version: move.version
	};
	return tiles
		.map((t) => (t === tile ? moved : t))
		.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : a.id - b.id));
}

/** One reload at a time; a request during one runs one more after it. */
export function coalesce(run: () => Promise<unknown>) {
	let running: Promise<unknown> | null = null;
	let again = false;
	return function request() {
		if (running) {
			again = true;
			return;
		}
		running = run()
			.catch(() => {})
			.finally(() => {
				running = null;
				if (again) {
					again = false;
					request();
				}
			});
	};
}

export interface LiveBoard {
	/** A move to show at once; the tile is the card's new place. */
	move(cardId: number, move: CardMove): void;
	reload(): Promise<unknown>;
	presence(people: Viewer[]): void;
}

export function followBoard(boardId: number, after: string, board: LiveBoard) {
	const reload = coalesce(board.reload);
	const feed = new BoardFeed({
		after,
		async fetchSince(since) {
			const response = await fetch(`/api/boards/${boardId}/events?after=${since}`);
			if (!response.ok) throw new Error(`catch-up: ${response.status}`);
			return response.json();
		},
		apply(event: BoardEvent) {
			// Comments do not show on the board: their card's dialog follows them.
			if (OFF_BOARD.has(event.type)) return;
			if (event.move && event.cardId !== null) board.move(event.cardId, event.move);
			reload();
		},
		reload: board.reload
	});
	return watchRoom(`board:${boardId}`, {
		onEvent: (event) => feed.receive(event as BoardEvent),
		onDrop: () => feed.pause(),
		onRejoin: () => void feed.catchUp(),
		onPresence: board.presence
	});
}
