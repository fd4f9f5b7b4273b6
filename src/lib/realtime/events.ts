import { z } from 'zod';

// What travels over the socket, shared by the server and the browser. The server only pushes;
// every change goes over HTTP. A pushed event names what changed, never its content: a client
// that cares reloads it over HTTP, where the access rules decide what it may see.

export const boardRoomRequest = z.object({
	boardId: z
		.number()
		.int()
		.positive()
		.max(2 ** 31 - 1)
});
export type BoardRoomRequest = z.infer<typeof boardRoomRequest>;

/** A change on a board: its event's id (ids only grow) and type. */
export interface BoardChanged {
	id: string;
	type: string;
	boardId: number;
}

export type JoinAnswer =
	{ ok: true; lastEventId: string } | { ok: false; error: 'not_found' | 'invalid' };

export interface ServerToClient {
	'board:changed': (event: BoardChanged) => void;
}

export interface ClientToServer {
	'board:join': (request: BoardRoomRequest, answer: (result: JoinAnswer) => void) => void;
	'board:leave': (request: BoardRoomRequest) => void;
}
