import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent, JoinAnswer } from '../../src/lib/realtime/events';
import type { Actor } from '../../src/lib/server/auth/policy';
import {
	createSession,
	generateSessionToken,
	sessionIdFromToken
} from '../../src/lib/server/auth/session';
import { moveCard } from '../../src/lib/server/cards/service';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/server';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The real-time server on a real port, spoken to by socket.io-client as a browser would.

let t: TestDatabase;
let server: http.Server;
let realtime: Realtime;
let origin: string;
let member: Actor;
let coordinator: Actor;
let own: Awaited<ReturnType<typeof makeBoard>>;
let foreign: Awaited<ReturnType<typeof makeBoard>>;
const cards: Record<string, { id: number; version: number }> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	const mine = await makeOrg(t.db, 'city_department');
	const theirs = await makeOrg(t.db, 'ngo');
	member = await makePerson(t.db, 'member', [[mine.id, 'member']]);
	coordinator = await makePerson(t.db, 'coordinator');
	own = await makeBoard(t.db, mine.id, s.id);
	foreign = await makeBoard(t.db, theirs.id, s.id);
	cards.own = await makeCard(t.db, own, own.columns[0], mine.id);
	cards.foreign = await makeCard(t.db, foreign, foreign.columns[0], theirs.id);
	server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	realtime = attachRealtime(server, { db: () => t.db, origin, pollMs: 20 });
});

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await realtime.close();
	await t.destroy();
});

async function signedIn(actor: Actor) {
	const token = generateSessionToken();
	await createSession(t.db, token, actor.id);
	return token;
}

function open(headers: { cookie?: string; origin?: string }) {
	const socket = connect(origin, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin, ...headers }
	});
	sockets.push(socket);
	return socket;
}

/** Whether the socket gets in, or the reason it was refused. */
function outcome(socket: Socket): Promise<'connected' | string> {
	return new Promise((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (error) => resolve(error.message));
	});
}

const join = (socket: Socket, boardId: number) =>
	socket.timeout(2000).emitWithAck('board:join', { boardId }) as Promise<JoinAnswer>;

function nextChange(socket: Socket, withinMs: number): Promise<BoardEvent | null> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(null), withinMs);
		socket.once('board:changed', (event: BoardEvent) => {
			clearTimeout(timer);
			resolve(event);
		});
	});
}

async function move(card: { id: number; version: number }, columnId: number) {
	const moved = await moveCard(t.db, coordinator, card.id, {
		columnId,
		afterId: undefined,
		version: card.version,
		confirmWip: true
	});
	card.version = moved.version;
}

describe('the real-time handshake', () => {
	it('refuses a socket without a session, with an expired one, or from a foreign origin', async () => {
		expect(await outcome(open({}))).toBe('unauthorized');
		const expired = generateSessionToken();
		await t.db
			.insertInto('session')
			.values({
				id: sessionIdFromToken(expired),
				userId: member.id,
				expiresAt: new Date(Date.now() - 1000)
			})
			.execute();
		expect(await outcome(open({ cookie: `session=${expired}` }))).toBe('unauthorized');
		const token = await signedIn(member);
		expect(
			await outcome(open({ cookie: `session=${token}`, origin: 'https://evil.example' }))
		).not.toBe('connected');
		expect(await outcome(open({ cookie: `session=${token}` }))).toBe('connected');
	});
});

describe('board rooms', () => {
	it('push a change of a board the person may open, after it commits', async () => {
		const socket = open({ cookie: `session=${await signedIn(member)}` });
		expect(await outcome(socket)).toBe('connected');
		const answer = await join(socket, own.id);
		expect(answer.ok).toBe(true);
		const arriving = nextChange(socket, 3000);
		await move(cards.own!, own.columns[1]);
		const event = await arriving;
		expect(event).toMatchObject({ type: 'card.moved', boardId: own.id });
		expect(BigInt(event!.id)).toBeGreaterThan(
			BigInt((answer as { lastEventId: string }).lastEventId)
		);
	});

	it('refuse a foreign board: joining it answers not found and delivers nothing', async () => {
		const socket = open({ cookie: `session=${await signedIn(member)}` });
		await outcome(socket);
		expect(await join(socket, foreign.id)).toEqual({ ok: false, error: 'not_found' });
		expect(await join(socket, -1)).toEqual({ ok: false, error: 'invalid' });
		const arriving = nextChange(socket, 400);
		await move(cards.foreign!, foreign.columns[1]);
		expect(await arriving).toBeNull();
	});

	it('end with the session: signing out disconnects its sockets', async () => {
		const token = await signedIn(member);
		const socket = open({ cookie: `session=${token}` });
		await outcome(socket);
		const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		await realtime.disconnect({ sessionId: sessionIdFromToken(token) });
		expect(await gone).toBe('io server disconnect');
	});
});
