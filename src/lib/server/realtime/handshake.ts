import { parse as parseCookies } from 'cookie';
import { sessionCookieName } from '../auth/cookie';
import { validateSessionToken } from '../auth/session';
import type { Db } from '../db';
import type { RealtimeServer } from './types';

// Who may open a socket: the same session cookie as HTTP (the origin is checked before this, by
// the server's allowRequest), and no more than MAX_SOCKETS_PER_PERSON sockets per person on an
// instance. Every socket joins its person's own room (`user:<id>`) here.

/** Sockets one person may hold open on one instance (tabs, devices); the next is refused. */
export const MAX_SOCKETS_PER_PERSON = 20;

function sessionToken(cookieHeader: string | undefined): string | undefined {
	const cookies = parseCookies(cookieHeader ?? '');
	return cookies[sessionCookieName(true)] ?? cookies[sessionCookieName(false)];
}

export function admitSockets(io: RealtimeServer, db: () => Db) {
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
}
