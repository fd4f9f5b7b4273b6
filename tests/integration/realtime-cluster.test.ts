import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent, JoinAnswer, Presence } from '../../src/lib/realtime/events';
import type { Actor } from '../../src/lib/server/auth/policy';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { moveCard } from '../../src/lib/server/cards/service';
import { connectPostgres, type DatabaseHandle } from '../../src/lib/server/db';
import { sharedRoomsFor } from '../../src/lib/server/realtime/app';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/server';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Two app instances on two ports, each with its own connections to the same PostgreSQL, as two
// processes behind a load balancer: a change made through one reaches the other's clients, and
// the adapter (Postgres, and Redis where TEST_REDIS_URL names one) shares presence and
// disconnects between them. Needs a PostgreSQL server: it runs in the PostgreSQL pass.

const serverUrl = process.env.TEST_DATABASE_URL;
const adapters = ['postgres', ...(process.env.TEST_REDIS_URL ? (['redis'] as const) : [])] as const;

interface Instance {
	handle: DatabaseHandle;
	server: http.Server;
	realtime: Realtime;
	origin: string;
}

// Left out of the embedded pass only: an embedded database cannot be shared by two instances.
const onServer = serverUrl ? describe : describe.skip;

for (const kind of adapters)
	onServer(`two instances with the ${kind} adapter`, () => {
		let t: TestDatabase;
		let a: Instance;
		let b: Instance;
		let member: Actor;
		let coordinator: Actor;
		let board: Awaited<ReturnType<typeof makeBoard>>;
		let card: { id: number; version: number };
		const sockets: Socket[] = [];

		async function instance(): Promise<Instance> {
			const handle = connectPostgres(t.url!, 4);
			const server = http.createServer();
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const realtime = attachRealtime(server, {
				db: () => handle.db,
				origin,
				listen: handle.listen,
				sharedRooms: sharedRoomsFor({
					REALTIME_ADAPTER: kind,
					DATABASE_URL: t.url,
					REDIS_URL: process.env.TEST_REDIS_URL
				})
			});
			return { handle, server, realtime, origin };
		}

		async function client(on: Instance, actor: Actor) {
			const token = generateSessionToken();
			await createSession(t.db, token, actor.id);
			const socket = connect(on.origin, {
				path: '/socket.io',
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: { origin: on.origin, cookie: `session=${token}` }
			});
			sockets.push(socket);
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			});
			const answer = (await socket.emitWithAck('board:join', { boardId: board.id })) as JoinAnswer;
			expect(answer.ok).toBe(true);
			return socket;
		}

		beforeAll(async () => {
			t = await createTestDatabase();
			const s = await makeStrategy(t.db);
			const dept = await makeOrg(t.db, 'city_department');
			member = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
			coordinator = await makePerson(t.db, 'coordinator');
			board = await makeBoard(t.db, dept.id, s.id);
			card = await makeCard(t.db, board, board.columns[0], dept.id);
			a = await instance();
			b = await instance();
			// Let both adapters see each other before the first broadcast.
			await new Promise((r) => setTimeout(r, 300));
		});

		afterAll(async () => {
			for (const socket of sockets) socket.close();
			// The instances tell each other who left; let them finish before they close.
			await new Promise((r) => setTimeout(r, 300));
			for (const i of [a, b]) {
				await i.realtime.close();
				await i.handle.close();
			}
			await t.destroy();
		});

		it('deliver a change made through instance A to a client of instance B', async () => {
			const onB = await client(b, member);
			const arriving = new Promise<BoardEvent>((resolve) => onB.once('board:changed', resolve));
			const moved = await moveCard(a.handle.db, member, card.id, {
				columnId: board.columns[1],
				afterId: undefined,
				version: card.version,
				confirmWip: false
			});
			card.version = moved.version;
			expect(await arriving).toMatchObject({
				type: 'card.moved',
				cardId: card.id,
				move: { columnId: board.columns[1], version: moved.version }
			});
		});

		it('show on B who is looking through A, and disconnect from A a person on B', async () => {
			const onB = await client(b, member);
			const both = new Promise<Presence>((resolve) =>
				onB.on('presence', (p: Presence) => p.people.length === 2 && resolve(p))
			);
			await client(a, coordinator);
			expect((await both).people.map((p) => p.id).sort()).toEqual(
				[member.id, coordinator.id].sort()
			);
			const gone = new Promise((resolve) => onB.once('disconnect', resolve));
			await a.realtime.disconnect({ userId: member.id });
			expect(await gone).toBe('io server disconnect');
		});
	});
