import type { Server, Socket } from 'socket.io';
import type { ClientToServer, ServerToClient } from '$lib/realtime/events';
import type { Viewer } from '../auth/policy';

// The shapes the real-time modules share: what a socket carries, and the server's type.

export interface SocketData {
	/** The person as last checked (at the handshake, a join, or a change of them): events are filtered by it. */
	viewer: Viewer;
	name: string;
	sessionId: string;
	/** Event timestamps of the last second, for the rate limit. */
	recent: number[];
}
export type AppSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type RealtimeServer = Server<
	ClientToServer,
	ServerToClient,
	Record<string, never>,
	SocketData
>;

/** This instance's sockets in a room (rooms span instances through the adapter; this does not). */
export function socketsIn(io: RealtimeServer, room: string): AppSocket[] {
	return [...(io.sockets.adapter.rooms.get(room) ?? [])]
		.map((id) => io.sockets.sockets.get(id))
		.filter((socket): socket is AppSocket => socket !== undefined);
}
