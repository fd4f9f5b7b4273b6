import type { Server as HttpServer } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { Server, type Socket } from 'socket.io';
import {
	boardRoomRequest,
	type ClientToServer,
	type JoinAnswer,
	type ServerToClient
} from '$lib/realtime/events';
import { sessionCookieName } from '../auth/cookie';
import type { Viewer } from '../auth/policy';
import { validateSessionToken } from '../auth/session';
import { boardFor } from '../boards/service';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import { latestEventId, startPublisher } from './publisher';

// The Socket.IO server on the app's own port: pushes only. A socket is let in with the same
// session cookie as HTTP and from the app's own origin; it joins a board's room only when the
// same access rules as HTTP let its person open the board.

interface SocketData {
	viewer: Viewer;
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

/** Client messages a socket may send in one second before it is cut off. */
const MAX_MESSAGES_PER_SECOND = 20;

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

export interface Realtime {
	io: RealtimeServer;
	/** Disconnects the sockets of a session (sign-out) or of a person (account disabled). */
	disconnect(match: { sessionId?: string; userId?: number }): Promise<void>;
	close(): Promise<void>;
}

export function attachRealtime(
	httpServer: HttpServer,
	options: { db: () => Db; origin: string; pollMs?: number }
): Realtime {
	const io: RealtimeServer = new Server(httpServer, {
		path: '/socket.io',
		// Payloads are tiny (a board id); anything large is not ours.
		maxHttpBufferSize: 64 * 1024,
		serveClient: false,
		// Only the app's own pages may open a socket: a foreign page cannot ride the cookie.
		allowRequest: (req, answer) => answer(null, req.headers.origin === options.origin)
	});

	io.use(async (socket, next) => {
		const token = sessionToken(socket.request.headers.cookie);
		const result = token ? await validateSessionToken(options.db(), token).catch(() => null) : null;
		if (!result) return next(new Error('unauthorized'));
		socket.data.viewer = result.user;
		socket.data.sessionId = result.session.id;
		socket.data.recent = [];
		next();
	});

	io.on('connection', (socket: AppSocket) => {
		void socket.join(`user:${socket.data.viewer.id}`);
		socket.use((_packet, next) => {
			if (overLimit(socket)) socket.disconnect(true);
			else next();
		});
		socket.on('board:join', async (request, answer) => {
			const reply = typeof answer === 'function' ? answer : () => {};
			const parsed = boardRoomRequest.safeParse(request);
			if (!parsed.success) return reply({ ok: false, error: 'invalid' } satisfies JoinAnswer);
			try {
				await boardFor(options.db(), socket.data.viewer, parsed.data.boardId);
			} catch (error) {
				if (error instanceof NotFoundError) return reply({ ok: false, error: 'not_found' });
				throw error;
			}
			await socket.join(`board:${parsed.data.boardId}`);
			reply({ ok: true, lastEventId: await latestEventId(options.db()) });
		});
		socket.on('board:leave', (request) => {
			const parsed = boardRoomRequest.safeParse(request);
			if (parsed.success) void socket.leave(`board:${parsed.data.boardId}`);
		});
	});

	const publisher = startPublisher(options.db, io, { pollMs: options.pollMs });

	return {
		io,
		async disconnect(match) {
			for (const socket of await io.fetchSockets()) {
				const data = socket.data as SocketData;
				if (
					(match.sessionId && data.sessionId === match.sessionId) ||
					(match.userId && data.viewer.id === match.userId)
				)
					socket.disconnect(true);
			}
		},
		async close() {
			await publisher.stop();
			await io.close();
		}
	};
}
