import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../../src/lib/server/auth/session';
import {
	MAX_MESSAGES_PER_SECOND,
	MAX_MESSAGE_BYTES,
	MAX_SOCKETS_PER_PERSON,
	attachRealtime,
	type Realtime
} from '../../../src/lib/server/realtime/server';
import { makePerson } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// OWASP ASVS 13.x / 12.1 for the socket: a client cannot flood the server with big messages or
// many of them. The real-time server on a real port, spoken to by socket.io-client.

let t: TestDatabase;
let server: http.Server;
let realtime: Realtime;
let origin: string;
let cookie: string;
const sockets: Socket[] = [];

beforeAll(async () => {
	t = await createTestDatabase();
	const person = await makePerson(t.db, 'member');
	const token = generateSessionToken();
	await createSession(t.db, token, person.id);
	cookie = `session=${token}`;
	server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	realtime = attachRealtime(server, { db: () => t.db, origin, pollMs: 50 });
});

afterAll(async () => {
	for (const socket of sockets) socket.close();
	await realtime.close();
	await t.destroy();
});

function opened(as = cookie): Socket {
	const socket = connect(origin, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		forceNew: true,
		extraHeaders: { origin, cookie: as }
	});
	sockets.push(socket);
	return socket;
}

/** 'connected', or the reason the socket was refused. */
const outcome = (socket: Socket) =>
	new Promise<string>((resolve) => {
		socket.once('connect', () => resolve('connected'));
		socket.once('connect_error', (error) => resolve(error.message));
	});

async function connected(): Promise<Socket> {
	const socket = opened();
	const result = await outcome(socket);
	if (result !== 'connected') throw new Error(result);
	return socket;
}

/** Why the socket was dropped, or null when it is still open once `ms` have passed. */
function droppedWithin(socket: Socket, ms: number): Promise<string | null> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(null), ms);
		socket.once('disconnect', (reason) => {
			clearTimeout(timer);
			resolve(reason);
		});
	});
}

const join = (socket: Socket, payload: unknown) =>
	socket.timeout(3000).emitWithAck('board:join', payload) as Promise<{ ok: boolean }>;

describe('socket message size', () => {
	it(`answers a message under ${MAX_MESSAGE_BYTES / 1024} KB`, async () => {
		const socket = await connected();
		const answer = await join(socket, { boardId: -1, padding: 'x'.repeat(MAX_MESSAGE_BYTES / 2) });
		expect(answer).toEqual({ ok: false, error: 'invalid' });
		expect(socket.connected).toBe(true);
	});

	it('closes the connection on a bigger message, without answering it', async () => {
		const socket = await connected();
		const dropped = droppedWithin(socket, 5000);
		const answer = join(socket, { boardId: 1, padding: 'x'.repeat(MAX_MESSAGE_BYTES + 1) });
		expect(await dropped).toBe('transport close');
		await expect(answer).rejects.toThrow();
	});
});

describe('socket message rate', () => {
	it(`lets ${MAX_MESSAGES_PER_SECOND} messages a second through`, async () => {
		const socket = await connected();
		const dropped = droppedWithin(socket, 1500);
		for (let i = 1; i < MAX_MESSAGES_PER_SECOND; i += 1) socket.emit('board:leave', { boardId: 1 });
		// The last of them answered: the server has read them all and is still listening.
		expect(await join(socket, { boardId: -1 })).toEqual({ ok: false, error: 'invalid' });
		expect(await dropped).toBeNull();
	});

	it('disconnects a client that sends more', async () => {
		const socket = await connected();
		const dropped = droppedWithin(socket, 5000);
		for (let i = 0; i < MAX_MESSAGES_PER_SECOND * 3; i += 1)
			socket.emit('board:leave', { boardId: 1 });
		expect(await dropped).toBe('io server disconnect');
	});
});

describe('sockets per person', () => {
	it(`lets one person hold ${MAX_SOCKETS_PER_PERSON} at once and refuses the next, with the reason`, async () => {
		const person = await makePerson(t.db, 'member');
		const token = generateSessionToken();
		await createSession(t.db, token, person.id);
		// All opened at the same moment: the count cannot be raced past.
		const batch = Array.from({ length: MAX_SOCKETS_PER_PERSON + 5 }, () =>
			opened(`session=${token}`)
		);
		const results = await Promise.all(batch.map(outcome));
		expect(results.filter((r) => r === 'connected')).toHaveLength(MAX_SOCKETS_PER_PERSON);
		expect(results.filter((r) => r !== 'connected')).toEqual(Array(5).fill('too_many_connections'));
		// Someone else is not affected, and a closed socket frees its place.
		expect(await outcome(opened())).toBe('connected');
		const closing = batch.find((socket) => socket.connected)!;
		closing.close();
		// The server hears of the close a moment later: try until it has.
		let again = await outcome(opened(`session=${token}`));
		for (let i = 0; i < 50 && again === 'too_many_connections'; i++) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			again = await outcome(opened(`session=${token}`));
		}
		expect(again).toBe('connected');
	});
});
