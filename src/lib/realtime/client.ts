import { io, type Socket } from 'socket.io-client';
import type { BoardEvent, ClientToServer, JoinAnswer, ServerToClient, Viewer } from './events';

// The browser's one connection to the real-time server, opened on first use. It only listens:
// changes go over HTTP. Pages watch rooms (`board:<id>`, `card:<id>`); after a dropped
// connection every room is joined again and its watchers are told, so they fetch what they
// missed over HTTP.

type AppSocket = Socket<ServerToClient, ClientToServer>;
/** `crowded`: the server refused one more socket for this person (too many tabs open). */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'crowded';
export type Room = `board:${number}` | `card:${number}` | `strategy:${number}`;

export interface RoomWatcher {
	/** A change in the room: a board's event, a card's, or a strategy's. */
	onEvent?(event: BoardEvent | { id: string; type?: string; cardId?: number }): void;
	/** The connection dropped: what follows may have gaps until onRejoin. */
	onDrop?(): void;
	/** The room was joined again after a dropped connection. */
	onRejoin?(): void;
	/** Who else is looking (the room's people, this person included). */
	onPresence?(people: Viewer[]): void;
}

let socket: AppSocket | undefined;
const rooms = new Map<Room, Set<RoomWatcher>>();
const presence = new Map<Room, Viewer[]>();
const stateListeners = new Set<(state: ConnectionState) => void>();
const unreadListeners = new Set<(unread: number) => void>();
let state: ConnectionState = 'connecting';

function setState(next: ConnectionState) {
	state = next;
	for (const listener of stateListeners) listener(next);
}

function join(live: AppSocket, room: Room, then: (answer: JoinAnswer) => void) {
	const [kind, raw] = room.split(':');
	const id = Number(raw);
	if (kind === 'board') live.emit('board:join', { boardId: id }, then);
	else if (kind === 'card') live.emit('card:join', { cardId: id }, then);
	else live.emit('strategy:join', { strategyId: id }, then);
}

function leave(live: AppSocket, room: Room) {
	const [kind, raw] = room.split(':');
	const id = Number(raw);
	if (kind === 'board') live.emit('board:leave', { boardId: id });
	else if (kind === 'card') live.emit('card:leave', { cardId: id });
	else live.emit('strategy:leave', { strategyId: id });
}

function watchersOf(room: Room) {
	return rooms.get(room) ?? [];
}

function connection(): AppSocket {
	if (socket) return socket;
	const live: AppSocket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
	socket = live;
	let dropped = false;
	live.on('connect', () => {
		setState('online');
		const rejoin = dropped;
		dropped = false;
		for (const room of rooms.keys())
			join(live, room, (answer) => {
				if (answer.ok && rejoin) for (const w of watchersOf(room)) w.onRejoin?.();
			});
	});
	live.on('disconnect', () => {
		setState('offline');
		dropped = true;
		for (const watchers of rooms.values()) for (const w of watchers) w.onDrop?.();
	});
	live.on('connect_error', (error) =>
		setState(error.message === 'too_many_connections' ? 'crowded' : 'offline')
	);
	// The browser knows first when the network goes: do not wait for a missed heartbeat.
	window.addEventListener('offline', () => live.disconnect());
	window.addEventListener('online', () => live.connect());
	live.on('board:changed', (event) => {
		for (const w of watchersOf(`board:${event.boardId}`)) w.onEvent?.(event);
	});
	live.on('card:changed', (event) => {
		for (const w of watchersOf(`card:${event.cardId}`)) w.onEvent?.(event);
	});
	live.on('strategy:changed', (event) => {
		for (const w of watchersOf(`strategy:${event.strategyId}`)) w.onEvent?.(event);
	});
	live.on('presence', ({ room, people }) => {
		if (!rooms.has(room as Room)) return;
		presence.set(room as Room, people);
		for (const w of watchersOf(room as Room)) w.onPresence?.(people);
	});
	live.on('notifications:changed', ({ unread }) => {
		for (const listener of unreadListeners) listener(unread);
	});
	return live;
}

/** Watches a room until the returned function is called. */
export function watchRoom(room: Room, watcher: RoomWatcher) {
	const watchers = rooms.get(room) ?? new Set();
	const first = watchers.size === 0;
	watchers.add(watcher);
	rooms.set(room, watchers);
	const live = connection();
	if (first && live.connected) join(live, room, () => {});
	else if (presence.has(room)) watcher.onPresence?.(presence.get(room)!);
	return () => {
		watchers.delete(watcher);
		if (watchers.size > 0) return;
		rooms.delete(room);
		presence.delete(room);
		if (live.connected) leave(live, room);
	};
}

export function watchConnection(listener: (state: ConnectionState) => void) {
	connection();
	stateListeners.add(listener);
	listener(state);
	return () => stateListeners.delete(listener);
}

/** Calls `listener` with the unread count whenever it changes on the server. */
export function watchUnread(listener: (unread: number) => void) {
	connection();
	unreadListeners.add(listener);
	return () => unreadListeners.delete(listener);
}

/** Whether changes can be sent: while offline they are refused, never queued and lost. */
export function isOnline(): boolean {
	return state !== 'offline';
}
