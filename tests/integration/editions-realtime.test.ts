import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { relinkSchema, relinkStampOf } from '../../src/lib/schemas/editions';
import type { BoardEvent, JoinAnswer } from '../../src/lib/realtime/events';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { previewRelink, relink } from '../../src/lib/server/editions/service';
import { attachRealtime, type Realtime } from '../../src/lib/server/realtime/server';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// A re-link reaches whoever has the moved board or one of its cards open, as every card change
// does: its events go to the board's room (which reloads the board) and to each card's room.

let t: TestDatabase;
let server: http.Server;
let realtime: Realtime;
let origin: string;
let socket: Socket | undefined;

beforeAll(async () => {
	t = await createTestDatabase();
	server = http.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	realtime = attachRealtime(server, { db: () => t.db, origin, pollMs: 20 });
});

afterAll(async () => {
	socket?.close();
	await realtime.close();
	await t.destroy();
});

it('tells the open board and the open card of a re-link', async () => {
	const earlier = await makeStrategy(t.db);
	const later = await makeStrategy(t.db);
	await t.db
		.updateTable('strategy')
		.set({ supersedesId: earlier.id })
		.where('id', '=', later.id)
		.execute();
	await t.db
		.insertInto('goalMapping')
		.values({ fromGoalId: earlier.task.id, toGoalId: later.task.id, note: null })
		.execute();
	const org = await makeOrg(t.db, 'city_department');
	const member = await makePerson(t.db, 'member', [[org.id, 'member']]);
	const coordinator = await makePerson(t.db, 'coordinator');
	const board = await makeBoard(t.db, org.id, earlier.id);
	const card = await makeCard(t.db, board, board.columns[0], org.id, [], {
		goalId: earlier.task.id
	});

	// A member of the board's organisation, with the board and the card open.
	const token = generateSessionToken();
	await createSession(t.db, token, member.id);
	socket = connect(origin, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin, cookie: `session=${token}` }
	});
	await new Promise<void>((resolve, reject) => {
		socket!.once('connect', resolve);
		socket!.once('connect_error', reject);
	});
	const joined = await Promise.all([
		socket.timeout(2000).emitWithAck('board:join', { boardId: board.id }),
		socket.timeout(2000).emitWithAck('card:join', { cardId: card.id })
	]);
	expect(joined.map((a: JoinAnswer) => a.ok)).toEqual([true, true]);
	const boardEvents: BoardEvent[] = [];
	const cardEvents: { type: string; cardId: number }[] = [];
	socket.on('board:changed', (e: BoardEvent) => boardEvents.push(e));
	socket.on('card:changed', (e: { type: string; cardId: number }) => cardEvents.push(e));

	const slug = (
		await t.db
			.selectFrom('strategy')
			.select('slug')
			.where('id', '=', later.id)
			.executeTakeFirstOrThrow()
	).slug;
	const preview = await previewRelink(t.db, coordinator, slug);
	await relink(
		t.db,
		coordinator,
		slug,
		relinkSchema.parse({
			boards: preview.boards.map((b) => String(b.id)),
			cards: preview.cards.map(relinkStampOf)
		})
	);

	await expect.poll(() => boardEvents.length, { timeout: 3000 }).toBe(2);
	expect(boardEvents.map((e) => [e.type, e.boardId, e.cardId]).sort()).toEqual(
		[
			['board.strategy_changed', board.id, null],
			['card.updated', board.id, card.id]
		].sort()
	);
	await expect.poll(() => cardEvents.length, { timeout: 3000 }).toBe(1);
	expect(cardEvents[0]).toMatchObject({ type: 'card.updated', cardId: card.id });
});
