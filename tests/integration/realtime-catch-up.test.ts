import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { moveCard } from '../../src/lib/server/cards/service';
import { boardEventsSince } from '../../src/lib/server/realtime/catch-up';
import { latestEventId } from '../../src/lib/server/realtime/publisher';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/server';
import {
	boardPlaces,
	followBoard,
	waitFor,
	waitInStep,
	type Follower
} from '../helpers/board-follower';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Nothing lost, nothing applied twice: a client that follows a board with the app's own feed
// (src/lib/realtime/feed.ts) over a real port, its connection cut or the server restarted while
// cards move, ends up with what the database holds.

let t: TestDatabase;
let port: number;
let server: http.Server;
let realtime: Realtime;
let member: Actor;
let board: Awaited<ReturnType<typeof makeBoard>>;
const cards: { id: number; version: number }[] = [];

function start() {
	server = http.createServer();
	return new Promise<void>((resolve) =>
		server.listen(port, '127.0.0.1', () => {
			port = (server.address() as AddressInfo).port;
			realtime = attachRealtime(server, {
				db: () => t.db,
				origin: `http://127.0.0.1:${port}`,
				listen: t.listen
			});
			resolve();
		})
	);
}

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	member = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	board = await makeBoard(t.db, dept.id, s.id);
	for (let i = 0; i < 6; i++) cards.push(await makeCard(t.db, board, board.columns[0], dept.id));
	port = 0;
	await start();
});

afterAll(async () => {
	await realtime.close();
	await t.destroy();
});

const truth = () => boardPlaces(t.db, board.id);

/** A client following the board as a page does: its own picture of where the cards are. */
async function follower(options: { reconnection: boolean }) {
	const token = generateSessionToken();
	await createSession(t.db, token, member.id);
	const after = await latestEventId(t.db);
	return followBoard({
		origin: `http://127.0.0.1:${port}`,
		token,
		boardId: board.id,
		after,
		places: await truth(),
		fetchSince: (after) => boardEventsSince(t.db, member, board.id, after),
		load: truth,
		reconnection: options.reconnection
	});
}

let turn = 0;
/** Moves cards round the columns: `count` moves, each to the top of the next column. */
async function moves(count: number) {
	for (let i = 0; i < count; i++) {
		const card = cards[turn % cards.length]!;
		const columnId = board.columns[(turn >> 1) % 4]!;
		turn++;
		const moved = await moveCard(t.db, member, card.id, {
			columnId,
			afterId: undefined,
			version: card.version,
			confirmWip: true
		});
		card.version = moved.version;
	}
}

/** The client's picture equals the database, and no event was applied twice. */
async function expectInStep(client: Follower, since: string) {
	await waitInStep(client, truth);
	expect(client.places).toEqual(await truth());
	expect(client.appliedTwice()).toBe(false);
	// Every move since the start was applied (none was covered by a reload instead).
	const events = await t.db
		.selectFrom('event')
		.select('id')
		.where('boardId', '=', board.id)
		.where('id', '>', since)
		.execute();
	expect(client.reloads()).toBe(0);
	expect(events.every((e) => client.applied.has(e.id))).toBe(true);
}

describe('a client that loses its connection', () => {
	it('catches up on the 20 changes made meanwhile, in order, each once', async () => {
		const since = await latestEventId(t.db);
		const client = await follower({ reconnection: false });
		await moves(3);
		await waitFor(() => client.applied.size === 3);
		// Cut the connection under the client, as a dropped network does.
		const gone = new Promise((resolve) => client.socket.once('disconnect', resolve));
		client.socket.io.engine.close();
		await gone;
		await moves(20);
		client.socket.connect();
		await waitFor(() => client.joined() === 2);
		// And live again afterwards.
		await moves(3);
		await expectInStep(client, since);
		expect(client.applied.size).toBe(26);
		client.socket.close();
	});

	it('reconnects by itself when the server restarts, and catches up', async () => {
		const since = await latestEventId(t.db);
		const client = await follower({ reconnection: true });
		await moves(2);
		await waitFor(() => client.applied.size === 2);
		await realtime.close();
		await moves(10);
		await start();
		await waitFor(() => client.joined() >= 2, 10_000);
		await moves(2);
		await expectInStep(client, since);
		expect(client.applied.size).toBe(14);
		client.socket.close();
	});
});
