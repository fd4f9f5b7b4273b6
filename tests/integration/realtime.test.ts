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
import { addComment } from '../../src/lib/server/comments/service';
import { removeMembership } from '../../src/lib/server/users/memberships';
import type { Presence } from '../../src/lib/realtime/events';
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
let ownOrg: number;
let strategyId: number;
let foreign: Awaited<ReturnType<typeof makeBoard>>;
const cards: Record<string, { id: number; version: number }> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	strategyId = s.id;
	const mine = await makeOrg(t.db, 'city_department');
	const theirs = await makeOrg(t.db, 'ngo');
	ownOrg = mine.id;
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

const joinCard = (socket: Socket, cardId: number) =>
	socket.timeout(2000).emitWithAck('card:join', { cardId }) as Promise<JoinAnswer>;

function next<T>(
	socket: Socket,
	name: string,
	withinMs: number,
	match: (value: T) => boolean = () => true
) {
	return new Promise<T | null>((resolve) => {
		const timer = setTimeout(() => {
			socket.off(name, listener);
			resolve(null);
		}, withinMs);
		const listener = (value: T) => {
			if (!match(value)) return;
			clearTimeout(timer);
			socket.off(name, listener);
			resolve(value);
		};
		socket.on(name, listener);
	});
}

async function connected(actor: Actor) {
	const socket = open({ cookie: `session=${await signedIn(actor)}` });
	expect(await outcome(socket)).toBe('connected');
	return socket;
}

describe('card rooms, presence and notifications', () => {
	it("push a comment to the card's room and the mention to the person's unread count", async () => {
		const mentioned = await makePerson(t.db, 'member', [[ownOrg, 'member']]);
		const name = (
			await t.db
				.selectFrom('user')
				.select('name')
				.where('id', '=', mentioned.id)
				.executeTakeFirstOrThrow()
		).name;
		const watcher = await connected(member);
		const inbox = await connected(mentioned);
		expect(await joinCard(watcher, cards.own!.id)).toMatchObject({ ok: true });
		expect(await joinCard(watcher, cards.foreign!.id)).toEqual({ ok: false, error: 'not_found' });
		const change = next<{ type: string; cardId: number }>(watcher, 'card:changed', 3000);
		const unread = next<{ unread: number }>(inbox, 'notifications:changed', 3000);
		await addComment(t.db, coordinator, cards.own!.id, {
			body: `Zobacz @[${name}](user:${mentioned.id})`
		});
		expect(await change).toMatchObject({ type: 'comment.created', cardId: cards.own!.id });
		expect(await unread).toEqual({ unread: 1 });
	});

	it("tell a strategy's goal pages that its progress may have moved", async () => {
		const socket = await connected(member);
		const joinStrategy = (id: number) =>
			socket.timeout(2000).emitWithAck('strategy:join', { strategyId: id }) as Promise<JoinAnswer>;
		expect(await joinStrategy(strategyId)).toMatchObject({ ok: true });
		expect(await joinStrategy(999_999)).toEqual({ ok: false, error: 'not_found' });
		const change = next<{ strategyId: number }>(socket, 'strategy:changed', 3000);
		await move(cards.own!, own.columns[3]);
		expect(await change).toMatchObject({ strategyId });
		socket.close();
	});

	it('show who is looking at a board, and forget who left', async () => {
		const first = await connected(member);
		const second = await connected(coordinator);
		const both = next<Presence>(first, 'presence', 3000, (p) => p.people.length === 2);
		await join(first, own.id);
		await join(second, own.id);
		const presence = await both;
		expect(presence!.room).toBe(`board:${own.id}`);
		expect(presence!.people.map((p) => p.id).sort()).toEqual([member.id, coordinator.id].sort());
		const alone = next<Presence>(first, 'presence', 3000, (p) => p.people.length === 1);
		second.close();
		expect((await alone)!.people.map((p) => p.id)).toEqual([member.id]);
		first.close();
	});

	it("take a person out of a board's room at once when they leave its organisation", async () => {
		const leaving = await makePerson(t.db, 'member', [[ownOrg, 'member']]);
		const socket = await connected(leaving);
		expect(await join(socket, own.id)).toMatchObject({ ok: true });
		const admin = await makePerson(t.db, 'admin');
		await removeMembership(t.db, admin, leaving.id, ownOrg);
		await realtime.recheck(leaving.id);
		const arriving = nextChange(socket, 500);
		await move(cards.own!, own.columns[2]);
		expect(await arriving).toBeNull();
		// And joining again is refused.
		expect(await join(socket, own.id)).toEqual({ ok: false, error: 'not_found' });
	});
});
