import { z } from 'zod';

// What travels over the socket, shared by the server and the browser. The server only pushes;
// every change goes over HTTP. A pushed event names what changed, never its content (a title, a
// comment): a client that cares reloads it over HTTP, where the access rules decide what it may
// see. A move carries where the card went (ids and a position key), so boards apply it at once.

const id = z
	.number()
	.int()
	.positive()
	.max(2 ** 31 - 1);

export const boardRoomRequest = z.object({ boardId: id });
export type BoardRoomRequest = z.infer<typeof boardRoomRequest>;

export const cardRoomRequest = z.object({ cardId: id });
export type CardRoomRequest = z.infer<typeof cardRoomRequest>;

export const strategyRoomRequest = z.object({ strategyId: id });
export type StrategyRoomRequest = z.infer<typeof strategyRoomRequest>;

/** Where a moved card now is; `version` is the card's version after the move. */
export interface CardMove {
	columnId: number;
	position: string;
	version: number;
}

/** A change on a board: its event's id (ids only grow, across all boards) and type. */
export interface BoardEvent {
	id: string;
	type: string;
	boardId: number;
	cardId: number | null;
	move?: CardMove;
}

/** The events of a board after a given id, or `reload` when they are too many or too old. */
export interface CatchUp {
	events: BoardEvent[];
	/** The id to continue from. */
	latestId: string;
	reload: boolean;
}

/** Someone looking at a board or a card. */
export interface Viewer {
	id: number;
	name: string;
}
export interface Presence {
	room: string;
	people: Viewer[];
}

export type JoinAnswer =
	{ ok: true; lastEventId: string } | { ok: false; error: 'not_found' | 'invalid' };

export interface ServerToClient {
	'board:changed': (event: BoardEvent) => void;
	/** Something on a card changed (an edit, a comment): its open dialog reloads it. */
	'card:changed': (event: { id: string; type: string; cardId: number }) => void;
	/** A card of one of the strategy's boards changed: its goals' progress may have moved. */
	'strategy:changed': (event: { id: string; strategyId: number }) => void;
	'notifications:changed': (event: { unread: number }) => void;
	presence: (presence: Presence) => void;
}

export interface ClientToServer {
	'board:join': (request: BoardRoomRequest, answer: (result: JoinAnswer) => void) => void;
	'board:leave': (request: BoardRoomRequest) => void;
	'card:join': (request: CardRoomRequest, answer: (result: JoinAnswer) => void) => void;
	'card:leave': (request: CardRoomRequest) => void;
	'strategy:join': (request: StrategyRoomRequest, answer: (result: JoinAnswer) => void) => void;
	'strategy:leave': (request: StrategyRoomRequest) => void;
}
