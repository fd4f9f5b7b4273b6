import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { Db } from '../db';
import { fanOut } from './fan-out';
import { admitSockets } from './handshake';
import { presenceOf } from './presence';
import { startPublisher, type EventRow, type Listen, type Publish } from './publisher';
import { OUTBOX_JOB, wakeJob } from '../jobs/scheduler';
import { roomsOf } from './rooms';
import type { AppSocket, RealtimeServer } from './types';

// The Socket.IO server on the app's own port: pushes only. It is put together here from its
// parts: the handshake (./handshake.ts: session cookie, sockets per person), the rooms a socket
// may join (./rooms.ts), presence (./presence.ts), and the fan-out of committed events
// (./fan-out.ts), fed by the publisher (./publisher.ts). Events reach the sockets of this instance
// from the event table (every instance reads it), so an adapter is needed only for what spans
// instances: presence and disconnecting a session.

export { MAX_SOCKETS_PER_PERSON } from './handshake';
export type { RealtimeServer } from './types';

/**
 * Each committed event goes to the sockets, and wakes the e-mail outbox: a notification is
 * committed with its event, so its message can be made now rather than at the next half minute.
 */
const publishing =
	(fan: Publish): Publish =>
	async (row: EventRow) => {
		await fan(row);
		wakeJob(OUTBOX_JOB);
	};

type Adapter = NonNullable<NonNullable<ConstructorParameters<typeof Server>[1]>['adapter']>;

/** An adapter sharing rooms between instances, and how to close its connections. */
export interface SharedRooms {
	adapter: Adapter;
	close(): Promise<void>;
}

/** Client messages a socket may send in one second before it is cut off. */
export const MAX_MESSAGES_PER_SECOND = 20;
/** The largest message a client may send: payloads are tiny (an id); anything large is not ours. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

function overLimit(socket: AppSocket): boolean {
	const now = Date.now();
	socket.data.recent = socket.data.recent.filter((t) => now - t < 1000);
	socket.data.recent.push(now);
	return socket.data.recent.length > MAX_MESSAGES_PER_SECOND;
}

export interface Realtime {
	io: RealtimeServer;
	/** Disconnects the sockets of a session (sign-out) or of a person, on every instance. */
	disconnect(match: { sessionId?: string; userId?: number }): Promise<void>;
	/**
	 * Takes a person's sockets on this instance out of the rooms they may no longer see. Done by
	 * the server itself for every committed change of a person (./fan-out.ts).
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
	admitSockets(io, db);
	const presence = presenceOf(io);
	const rooms = roomsOf(io, db, presence);
	io.on('connection', (socket: AppSocket) => {
		socket.use((_packet, next) => {
			if (overLimit(socket)) socket.disconnect(true);
			else next();
		});
		rooms.listen(socket);
	});

	// The publisher starts once the database is open (in development, after the first request's
	// migrations), so it neither fails nor misses the events that follow.
	let closing = false;
	let publisher: ReturnType<typeof startPublisher> | undefined;
	const starting = (options.ready ?? Promise.resolve())
		.then(() => {
			if (!closing)
				publisher = startPublisher(db, publishing(fanOut(io, db, rooms)), {
					pollMs: options.pollMs,
					listen: options.listen
				});
		})
		.catch((error) => console.error('Real-time publisher could not start:', error.message));

	return {
		io,
		async disconnect(match) {
			const sockets = match.userId
				? await io.in(`user:${match.userId}`).fetchSockets()
				: await io.fetchSockets();
			for (const socket of sockets)
				if (!match.sessionId || socket.data.sessionId === match.sessionId) socket.disconnect(true);
		},
		recheck: rooms.recheckPerson,
		async close() {
			closing = true;
			presence.close();
			await starting;
			await publisher?.stop();
			await io.close();
			await options.sharedRooms?.close();
		}
	};
}
