import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, generateSessionToken } from '../../../src/lib/server/auth/session';
import {
	MAX_MESSAGES_PER_SECOND,
	MAX_MESSAGE_BYTES,
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

async function connected(): Promise<Socket> {
	const socket = connect(origin, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin, cookie }
	});
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
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
