import type { Server as HttpServer } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { Server, type Socket } from 'socket.io';
import { byName } from '$lib/domain/names';
import {
	boardRoomRequest,
	cardRoomRequest,
	strategyRoomRequest,
	type ClientToServer,
	type JoinAnswer,
	type Presence,
	type ServerToClient
} from '$lib/realtime/events';
import { sessionCookieName } from '../auth/cookie';
import { can, cardFacts, loadViewer, type CardFacts, type Viewer } from '../auth/policy';
import { validateSessionToken } from '../auth/session';
import { boardFor } from '../boards/service';
import { visibleCard } from '../cards/service';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { unreadCount } from '../notifications/service';
import { sweepDueNotifications } from '../notifications/due';
import { RETENTION_SWEEP_MS, sweepRetention } from '../retention';
import { publicChanged, showsOnPublicPage } from './public-feed';
import { boardEvent, latestEventId, startPublisher, type EventRow, type Listen } from './publisher';
import { mayReceive } from './visibility';

// The Socket.IO server on the app's own port: pushes only. A socket is let in with the same
// session cookie as HTTP and from the app's own origin; it joins a board's or a card's room only
// when the same access rules as HTTP let its person see it. Events reach the sockets of this
// instance from the event table (every instance reads it), so an adapter is needed only for
// what spans instances: presence and taking people out of rooms.

interface SocketData {
	viewer: Viewer;
	name: string;
	sessionId: string;
	/** Event timestamps of the last second, for the rate limit. */
	recent: number[];
}
type AppSocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type RealtimeServer = Server<
	ClientToServer,
	ServerToClient,
	Record<string, never>,
	SocketData
>;
type Adapter = NonNullable<NonNullable<ConstructorParameters<typeof Server>[1]>['adapter']>;

/** An adapter sharing rooms between instances, and how to close its connections. */
export interface SharedRooms {
	adapter: Adapter;
	close(): Promise<void>;
}

/** The room a join or leave message names, or null when it names none properly. */
const ROOM_REQUESTS = {
	board: boardRoomRequest.transform((r) => r.boardId),
	card: cardRoomRequest.transform((r) => r.cardId),
	strategy: strategyRoomRequest.transform((r) => r.strategyId)
};
function roomOf(kind: keyof typeof ROOM_REQUESTS, request: unknown): string | null {
	const parsed = ROOM_REQUESTS[kind].safeParse(request);
	return parsed.success ? `${kind}:${parsed.data}` : null;
}

/** Sockets one person may hold open on one instance (tabs, devices); the next is refused. */
export const MAX_SOCKETS_PER_PERSON = 20;
/** Client messages a socket may send in one second before it is cut off. */
export const MAX_MESSAGES_PER_SECOND = 20;
/** The largest message a client may send: payloads are tiny (an id); anything large is not ours. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Presence changes of a room within this time go out as one message. */
const PRESENCE_BATCH_MS = 250;
/** How often cards falling due are looked for (and their people notified). */
const DUE_SWEEP_MS = 15 * 60_000;

function sessionToken(cookieHeader: string | undefined): string | undefined {
	const cookies = parseCookies(cookieHeader ?? '');
	return cookies[sessionCookieName(true)] ?? cookies[sessionCookieName(false)];
}

function overLimit(socket: AppSocket): boolean {
	const now = Date.now();
	socket.data.recent = socket.data.recent.filter((t) => now - t < 1000);
	socket.data.recent.push(now);
	return socket.data.recent.length > MAX_MESSAGES_PER_SECOND;
}

/** The person as they are now (role, memberships), or null when they may no longer sign in. */
async function currentViewer(db: Db, userId: number): Promise<Viewer | null> {
	const user = await db
		.selectFrom('user')
		.select(['id', 'role'])
		.where('id', '=', userId)
		.where('disabledAt', 'is', null)
		.executeTakeFirst();
	return user ? loadViewer(db, user) : null;
}

/**
 * Changes to a person that decide what their open sockets may receive, from whatever path made
 * them (a page, the CLI, a script): the publisher hands every committed event to the real-time
 * server, which re-checks (memberships, role) or disconnects (account ended) that person's
 * sockets on this instance. Every instance reads every event, so each does it for its own.
 */
const RECHECK_ON = new Set([
	'user.updated',
	'user.membership_added',
	'user.membership_changed',
	'user.membership_removed',
	'user.enabled'
]);
const DISCONNECT_ON = new Set(['user.disabled', 'user.erased', 'user.password_reset']);

/** Whether the viewer may be in a `board:<id>` or `card:<id>` room. */
async function maySee(db: Db, viewer: Viewer, room: string): Promise<boolean> {
	const [kind, raw] = room.split(':');
	const id = Number(raw);
	try {
		if (kind === 'board') await boardFor(db, viewer, id);
		else if (kind === 'card') await visibleCard(db, viewer, id);
		// Strategies and their goals are open to everyone signed in; progress is counted per person.
		else if (kind === 'strategy')
			return !!(await db
				.selectFrom('strategy')
				.select('id')
				.where('id', '=', id)
				.executeTakeFirst());
		return true;
	} catch (error) {
		if (error instanceof NotFoundError) return false;
		throw error;
	}
}

export interface Realtime {
	io: RealtimeServer;
	/** Disconnects the sockets of a session (sign-out) or of a person (account disabled). */
	disconnect(match: { sessionId?: string; userId?: number }): Promise<void>;
	/**
	 * Takes a person's sockets on this instance out of the rooms they may no longer see. Done by
	 * the server itself for every committed change of a person (RECHECK_ON).
	 */
	recheck(userId: number): Promise<void>;
	close(): Promise<void>;
}

export interface RealtimeOptions {
	db: () => Db;
	origin: string;
	pollMs?: number;
	/** Wakes the publisher when events commit (LISTEN/NOTIFY); without it, it polls. */
	listen?: Listen;
	/** Shares rooms between instances; the in-memory adapter when absent. */
	sharedRooms?: SharedRooms;
	/**
	 * Looks for cards falling due every DUE_SWEEP_MS, and deletes expired personal data every
	 * RETENTION_SWEEP_MS (off in tests, which call the sweeps).
	 */
	sweepDue?: boolean;
	/** Resolves when the database is open and migrated: publishing starts then. */
	ready?: Promise<unknown>;
}

export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
	const db = options.db;
	const io: RealtimeServer = new Server(httpServer, {
		path: '/socket.io',
		maxHttpBufferSize: MAX_MESSAGE_BYTES,
		serveClient: false,
		// A connection lost without a goodbye is noticed within 15 s (the default is 45 s).
		pingInterval: 10_000,
		pingTimeout: 5_000,
		adapter: options.sharedRooms?.adapter,
		// Only the app's own pages may open a socket: a foreign page cannot ride the cookie.
		allowRequest: (req, answer) => answer(null, req.headers.origin === options.origin)
	});

	io.use(async (socket, next) => {
		const token = sessionToken(socket.request.headers.cookie);
		const result = token ? await validateSessionToken(db(), token).catch(() => null) : null;
		if (!result) return next(new Error('unauthorized'));
		// Counted and joined in one synchronous step, so sockets opened at once cannot all pass.
		const personal = `user:${result.user.id}`;
		if ((io.sockets.adapter.rooms.get(personal)?.size ?? 0) >= MAX_SOCKETS_PER_PERSON)
			return next(new Error('too_many_connections'));
		socket.data.viewer = result.user;
		socket.data.name = result.user.name;
		socket.data.sessionId = result.session.id;
		socket.data.recent = [];
		// A socket refused later, or whose client goes before it is let in, leaves its rooms.
		void socket.join(personal);
		next();
	});

	/** Tells a room who is in it (across instances, through the adapter). */
	async function sendPresence(room: string) {
		const sockets = await io.in(room).fetchSockets();
		const people = new Map<number, string>();
		for (const s of sockets) people.set(s.data.viewer.id, s.data.name);
		const presence: Presence = {
			room,
			people: [...people].map(([id, name]) => ({ id, name })).sort(byName)
		};
		io.to(room).emit('presence', presence);
	}
	let closing = false;
	// A room's presence is sent once per PRESENCE_BATCH_MS however many join or leave meanwhile:
	// otherwise N people arriving at once (a reconnect after a deploy) cost N² messages.
	const presencePending = new Set<string>();
	const presenceLater = (room: string) => {
		// Presence is shown on boards and cards only.
		if (closing || room.startsWith('strategy:') || presencePending.has(room)) return;
		presencePending.add(room);
		setTimeout(() => {
			presencePending.delete(room);
			if (!closing)
				void sendPresence(room).catch((error) => console.error('Presence:', error.message));
		}, PRESENCE_BATCH_MS).unref();
	};

	async function join(socket: AppSocket, room: string): Promise<JoinAnswer> {
		// The person as they are now: a membership may have changed since the socket opened.
		const viewer = await currentViewer(db(), socket.data.viewer.id);
		if (!viewer || !(await maySee(db(), viewer, room))) return { ok: false, error: 'not_found' };
		socket.data.viewer = viewer;
		await socket.join(room);
		presenceLater(room);
		return { ok: true, lastEventId: await latestEventId(db()) };
	}

	io.on('connection', (socket: AppSocket) => {
		socket.use((_packet, next) => {
			if (overLimit(socket)) socket.disconnect(true);
			else next();
		});
		for (const kind of ['board', 'card', 'strategy'] as const) {
			socket.on(`${kind}:join`, async (request: unknown, answer: unknown) => {
				const reply = typeof answer === 'function' ? answer : () => {};
				const room = roomOf(kind, request);
				if (!room) return reply({ ok: false, error: 'invalid' } satisfies JoinAnswer);
				reply(await join(socket, room).catch(() => ({ ok: false, error: 'not_found' }) as const));
			});
			socket.on(`${kind}:leave`, async (request: unknown) => {
				const room = roomOf(kind, request);
				if (!room || !socket.rooms.has(room)) return;
				await socket.leave(room);
				presenceLater(room);
			});
		}
		socket.on('disconnecting', () => {
			const rooms = [...socket.rooms].filter(
				(r) => r.startsWith('board:') || r.startsWith('card:')
			);
			// After the socket has left them.
			setImmediate(() => rooms.forEach(presenceLater));
		});
	});

	/** Whether anyone on this instance watches a strategy's progress. */
	const strategyWatched = () =>
		[...io.sockets.adapter.rooms.keys()].some((room) => room.startsWith('strategy:'));

	/**
	 * Takes a person's sockets on this instance out of the rooms they may no longer see, and
	 * refreshes the person they act as (role, memberships), by which their events are filtered.
	 */
	async function recheckLocal(userId: number) {
		const sockets = socketsIn(`user:${userId}`);
		if (sockets.length === 0) return;
		const viewer = await currentViewer(db(), userId);
		for (const socket of sockets) {
			if (!viewer) {
				socket.disconnect(true);
				continue;
			}
			socket.data.viewer = viewer;
			await leaveUnseen(socket, viewer);
		}
	}

	async function leaveUnseen(socket: AppSocket, viewer: Viewer) {
		for (const room of [...socket.rooms]) {
			if (!(room.startsWith('board:') || room.startsWith('card:'))) continue;
			if (await maySee(db(), viewer, room)) continue;
			await socket.leave(room);
			presenceLater(room);
		}
	}

	/** A card's organisations changed: who no longer sees it leaves its room (and maybe its board's). */
	async function recheckCardRooms(row: EventRow, facts: CardFacts) {
		const rooms = [`card:${row.cardId}`, `board:${row.boardId}`];
		for (const socket of new Set(rooms.flatMap(socketsIn))) {
			const viewer = socket.data.viewer;
			if (can.seeCard(viewer, facts)) continue;
			await leaveUnseen(socket, viewer);
		}
	}

	/** This instance's sockets in a room. */
	const socketsIn = (room: string): AppSocket[] =>
		[...(io.sockets.adapter.rooms.get(room) ?? [])]
			.map((id) => io.sockets.sockets.get(id))
			.filter((socket): socket is AppSocket => socket !== undefined);

	/** Sends to the sockets of a room whose person may be told of the event (./visibility.ts). */
	function tell(
		room: string,
		row: EventRow,
		facts: CardFacts | undefined,
		send: (socket: AppSocket) => void
	) {
		for (const socket of socketsIn(room))
			if (mayReceive(socket.data.viewer, row, facts)) send(socket);
	}

	async function publish(row: EventRow) {
		if (RECHECK_ON.has(row.type)) await recheckLocal(row.entityId);
		if (DISCONNECT_ON.has(row.type))
			for (const socket of socketsIn(`user:${row.entityId}`)) socket.disconnect(true);
		const rooms = [
			row.boardId !== null ? `board:${row.boardId}` : null,
			row.cardId !== null ? `card:${row.cardId}` : null
		].filter((room): room is string => room !== null && io.sockets.adapter.rooms.has(room));
		// The card's facts are read once per event, and only when someone here may be told of it.
		const facts =
			row.cardId !== null && (rooms.length > 0 || strategyWatched())
				? await cardFacts(db(), row.cardId)
				: undefined;
		if (row.type === 'card.organizations_changed' && facts) await recheckCardRooms(row, facts);
		if (row.boardId !== null) {
			const event = boardEvent({ ...row, boardId: row.boardId });
			tell(`board:${row.boardId}`, row, facts, (socket) => socket.emit('board:changed', event));
			if (strategyWatched()) {
				const board = await db()
					.selectFrom('board')
					.select('strategyId')
					.where('id', '=', row.boardId)
					.executeTakeFirst();
				if (board)
					tell(`strategy:${board.strategyId}`, row, facts, (socket) =>
						socket.emit('strategy:changed', { id: row.id, strategyId: board.strategyId })
					);
			}
		}
		if (row.cardId !== null) {
			const event = { id: row.id, type: row.type, cardId: row.cardId };
			tell(`card:${row.cardId}`, row, facts, (socket) => socket.emit('card:changed', event));
		}
		if (await showsOnPublicPage(db(), row)) publicChanged();
		if (row.type.startsWith('notification.')) {
			const userId = (row.payload as { userId: number }).userId;
			if (io.sockets.adapter.rooms.has(`user:${userId}`))
				io.local.to(`user:${userId}`).emit('notifications:changed', {
					unread: await unreadCount(db(), userId)
				});
		}
	}

	// The publisher starts once the database is open (in development, after the first request's
	// migrations), so it neither fails nor misses the events that follow.
	let publisher: ReturnType<typeof startPublisher> | undefined;
	const starting = (options.ready ?? Promise.resolve())
		.then(() => {
			if (!closing)
				publisher = startPublisher(db, publish, { pollMs: options.pollMs, listen: options.listen });
		})
		.catch((error) => console.error('Real-time publisher could not start:', error.message));
	const sweep = () =>
		void (async () => sweepDueNotifications(db()))().catch((error) =>
			console.error('Due-date notifications:', error.message)
		);
	const retain = () =>
		void (async () => sweepRetention(db()))().catch((error) =>
			console.error('Retention sweep:', error.message)
		);
	let sweepTimer: NodeJS.Timeout | undefined;
	let retentionTimer: NodeJS.Timeout | undefined;
	if (options.sweepDue) {
		void starting.then(sweep).then(retain);
		sweepTimer = setInterval(sweep, DUE_SWEEP_MS);
		sweepTimer.unref();
		retentionTimer = setInterval(retain, RETENTION_SWEEP_MS);
		retentionTimer.unref();
	}

	return {
		io,
		async disconnect(match) {
			const sockets = match.userId
				? await io.in(`user:${match.userId}`).fetchSockets()
				: await io.fetchSockets();
			for (const socket of sockets)
				if (!match.sessionId || socket.data.sessionId === match.sessionId) socket.disconnect(true);
		},
		recheck: recheckLocal,
		async close() {
			closing = true;
			clearInterval(sweepTimer);
			clearInterval(retentionTimer);
			await starting;
			await publisher?.stop();
			await io.close();
			await options.sharedRooms?.close();
		}
	};
}
