import { io, type Socket } from 'socket.io-client';
import type { BoardChanged, ClientToServer, JoinAnswer, ServerToClient } from './events';

// The browser's one connection to the real-time server, opened on first use. It only listens:
// changes go over HTTP. After a dropped connection it rejoins its rooms and tells its listeners
// to reload, so what was missed meanwhile is fetched over HTTP rather than lost.

type AppSocket = Socket<ServerToClient, ClientToServer>;
export type ConnectionState = 'connecting' | 'online' | 'offline';

let socket: AppSocket | undefined;
const rooms = new Map<number, Set<(event: BoardChanged | null) => void>>();
const stateListeners = new Set<(state: ConnectionState) => void>();
let state: ConnectionState = 'connecting';

function setState(next: ConnectionState) {
	state = next;
	for (const listener of stateListeners) listener(next);
}

function connection(): AppSocket {
	if (socket) return socket;
	socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
	socket.on('connect', () => {
		setState('online');
		// (Re)join every watched board; a listener told `null` reloads what it shows.
		for (const [boardId, listeners] of rooms) {
			socket!.emit('board:join', { boardId }, (answer: JoinAnswer) => {
				if (answer.ok) for (const listener of listeners) listener(null);
			});
		}
	});
	socket.on('disconnect', () => setState('offline'));
	socket.on('connect_error', () => setState('offline'));
	socket.on('board:changed', (event) => {
		for (const listener of rooms.get(event.boardId) ?? []) listener(event);
	});
	return socket;
}

/** Calls `onChange` for every change of the board (and with null after a reconnect). */
export function watchBoard(boardId: number, onChange: (event: BoardChanged | null) => void) {
	const listeners = rooms.get(boardId) ?? new Set();
	listeners.add(onChange);
	rooms.set(boardId, listeners);
	const live = connection();
	if (live.connected) live.emit('board:join', { boardId }, () => {});
	return () => {
		listeners.delete(onChange);
		if (listeners.size === 0) {
			rooms.delete(boardId);
			if (live.connected) live.emit('board:leave', { boardId });
		}
	};
}

export function watchConnection(listener: (state: ConnectionState) => void) {
	connection();
	stateListeners.add(listener);
	listener(state);
	return () => stateListeners.delete(listener);
}
