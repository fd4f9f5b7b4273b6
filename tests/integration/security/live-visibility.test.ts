import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent, JoinAnswer } from '../../../src/lib/realtime/events';
import { reportSchema } from '../../../src/lib/schemas/monitoring';
import type { Actor } from '../../../src/lib/server/auth/policy';
import { createSession, generateSessionToken } from '../../../src/lib/server/auth/session';
import { setOrganizations } from '../../../src/lib/server/cards/people';
import { moveCard } from '../../../src/lib/server/cards/service';
import { addComment } from '../../../src/lib/server/comments/service';
import { boardEventsSince } from '../../../src/lib/server/realtime/catch-up';
import { onPublicChange } from '../../../src/lib/server/realtime/public-feed';
import { latestEventId } from '../../../src/lib/server/realtime/publisher';
import { attachRealtime, type Realtime } from '../../../src/lib/server/realtime/server';
import { saveReport } from '../../../src/lib/server/reports/service';
import { addMembership } from '../../../src/lib/server/users/memberships';
import { updatePerson } from '../../../src/lib/server/users/service';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// Who is told of what, live and on reconnect: on a joint board a partner hears only of the cards
// it may open, in the board's room, the card's room, the strategy's room and the catch-up alike;
// a change of a person's role or organisations, made by any path, re-checks their open sockets;
// the public page's feed stays silent about what the public page does not show.

let t: TestDatabase;
let server: http.Server;
let realtime: Realtime;
let origin: string;
let strategy: Awaited<ReturnType<typeof makeStrategy>>;
let joint: Awaited<ReturnType<typeof makeBoard>>;
let county: { id: number };
let muniX: { id: number };
let muniY: { id: number };
let countyStaff: Actor;
let partner: Actor;
let admin: Actor;
/** j1: led by the county, partnered by muniX. j2: led by muniY (hidden from muniX). */
const cards: Record<'j1' | 'j2', { id: number; version: number }> = {} as never;
const sockets: Socket[] = [];

beforeAll(async () => {
	t = await createTestDatabase();
	strategy = await makeStrategy(t.db);
	county = await makeOrg(t.db, 'county');
	muniX = await makeOrg(t.db, 'municipality');
	muniY = await makeOrg(t.db, 'municipality');
	countyStaff = await makePerson(t.db, 'member', [[county.id, 'manager']]);
	partner = await makePerson(t.db, 'member', [[muniX.id, 'member']]);
	admin = await makePerson(t.db, 'admin');
	joint = await makeBoard(t.db, county.id, strategy.id, [muniX.id, muniY.id]);
	cards.j1 = await makeCard(t.db, joint, joint.columns[0], county.id, [muniX.id], {
		goalId: strategy.task.id
	});
	cards.j2 = await makeCard(t.db, joint, joint.columns[0], muniY.id, [], {
		goalId: strategy.task.id
	});
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

async function connected(actor: Actor) {
	const token = generateSessionToken();
	await createSession(t.db, token, actor.id);
	const socket = connect(origin, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin, cookie: `session=${token}` }
	});
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	return socket;
}

const joinRoom = (socket: Socket, kind: 'board' | 'card' | 'strategy', id: number) =>
	socket.timeout(2000).emitWithAck(`${kind}:join`, { [`${kind}Id`]: id }) as Promise<JoinAnswer>;

/** Everything a socket hears, by message name. */
function recorder(socket: Socket) {
	const heard: { name: string; value: Record<string, unknown> }[] = [];
	socket.onAny((name: string, value: Record<string, unknown>) => heard.push({ name, value }));
	return heard;
}

/** Whether a socket has heard a message of this name about an event after `id`. */
function heardAfter(socket: Socket, name: string, id: string) {
	return new Promise<void>((resolve) => {
		const listener = (event: BoardEvent) => {
			if (BigInt(event.id) <= BigInt(id)) return;
			socket.off(name, listener);
			resolve();
		};
		socket.on(name, listener);
	});
}

/**
 * Waits until the publisher has handed every event up to now to the sockets: a move of j1 by
 * the admin is the marker, and each watcher (which sees j1) waits for it under each name given.
 * Events are published in order, so whatever a socket was sent before the marker it has by then.
 */
async function settled(watchers: [Socket, ...string[]][] = []) {
	const target = await latestEventId(t.db);
	const probe = await connected(admin);
	await joinRoom(probe, 'board', joint.id);
	const marks = [
		heardAfter(probe, 'board:changed', target),
		...watchers.flatMap(([socket, ...names]) =>
			names.map((name) => heardAfter(socket, name, target))
		)
	];
	await move(admin, cards.j1, joint.columns[0]);
	await Promise.all(marks);
	probe.close();
}

async function move(actor: Actor, card: { id: number; version: number }, columnId: number) {
	const moved = await moveCard(t.db, actor, card.id, {
		columnId,
		afterId: undefined,
		version: card.version,
		confirmWip: true
	});
	card.version = moved.version;
}

async function eventually(condition: () => boolean) {
	for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 30));
}

const cardIdsOf = (heard: { value: Record<string, unknown> }[]) =>
	new Set(heard.map((h) => h.value.cardId).filter((id) => id !== undefined && id !== null));

describe('a partner on a joint board hears only of the cards it may open', () => {
	it('live, in the board, card and strategy rooms, and in the catch-up', async () => {
		const socket = await connected(partner);
		const heard = recorder(socket);
		expect(await joinRoom(socket, 'board', joint.id)).toMatchObject({ ok: true });
		expect(await joinRoom(socket, 'card', cards.j1.id)).toMatchObject({ ok: true });
		expect(await joinRoom(socket, 'card', cards.j2.id)).toEqual({ ok: false, error: 'not_found' });
		expect(await joinRoom(socket, 'strategy', strategy.id)).toMatchObject({ ok: true });
		const before = await latestEventId(t.db);

		// The hidden card moves and gets a comment; the shared card gets a draft report by the
		// county (a draft is its author's alone) and a comment.
		const y = await makePerson(t.db, 'member', [[muniY.id, 'member']]);
		await move(y, cards.j2, joint.columns[1]);
		await addComment(t.db, y, cards.j2.id, { body: 'Ukryty komentarz' });
		await saveReport(
			t.db,
			countyStaff,
			cards.j1.id,
			reportSchema.parse({
				organizationId: String(county.id),
				periodStart: '2026-01-01',
				periodEnd: '2026-03-31',
				summary: 'Szkic powiatu',
				participants: '',
				links: '',
				indicatorId: [],
				indicatorValue: []
			})
		);
		await addComment(t.db, countyStaff, cards.j1.id, { body: 'Widoczny komentarz' });
		await settled([[socket, 'board:changed', 'card:changed', 'strategy:changed']]);

		const types = heard
			.filter((h) => h.name === 'board:changed' || h.name === 'card:changed')
			.map((h) => `${h.name} ${h.value.type} ${h.value.cardId}`);
		expect(cardIdsOf(heard)).not.toContain(cards.j2.id);
		expect(types).toContain(`board:changed comment.created ${cards.j1.id}`);
		expect(types).toContain(`card:changed comment.created ${cards.j1.id}`);
		expect(types.filter((type) => type.includes('report.saved'))).toEqual([]);
		// The strategy's room heard of the shared card's changes, and of nothing else.
		const strategyChanges = heard.filter((h) => h.name === 'strategy:changed').length;
		const sharedEvents = heard.filter((h) => h.name === 'board:changed').length;
		expect(strategyChanges).toBe(sharedEvents);

		// The reconnect catch-up lists the same: nothing of j2, no one else's draft.
		const caught = await boardEventsSince(t.db, partner, joint.id, before);
		expect(caught.reload).toBe(false);
		expect(caught.events.map((e) => e.cardId)).not.toContain(cards.j2.id);
		expect(caught.events.map((e) => e.type)).not.toContain('report.saved');
		expect(caught.events.map((e) => `${e.type} ${e.cardId}`)).toEqual(
			heard
				.filter((h) => h.name === 'board:changed')
				.map((h) => `${h.value.type} ${h.value.cardId}`)
		);
		// While the county, which owns the board, hears of both cards and of its own draft.
		const owner = await boardEventsSince(t.db, countyStaff, joint.id, before);
		expect(new Set(owner.events.map((e) => e.cardId))).toEqual(new Set([cards.j1.id, cards.j2.id]));
		expect(owner.events.map((e) => e.type)).toContain('report.saved');
		socket.close();
	});

	it('a partner taken off a card hears of that change, and of nothing after it', async () => {
		const socket = await connected(partner);
		const heard = recorder(socket);
		await joinRoom(socket, 'board', joint.id);
		await joinRoom(socket, 'card', cards.j1.id);
		const card = await t.db
			.selectFrom('card')
			.select('version')
			.where('id', '=', cards.j1.id)
			.executeTakeFirstOrThrow();
		await setOrganizations(t.db, countyStaff, cards.j1.id, {
			version: card.version,
			leadId: county.id,
			partnerIds: []
		});
		cards.j1.version = card.version + 1;
		await addComment(t.db, countyStaff, cards.j1.id, { body: 'Po zmianie' });
		await settled();
		// The change itself was sent before the marker, on this socket's own connection.
		// Its open dialog (the card's room) hears of it too, so it can say the card is gone.
		const told = (name: string) =>
			heard.some((h) => h.name === name && h.value.type === 'card.organizations_changed');
		await eventually(() => told('board:changed') && told('card:changed'));
		expect([told('board:changed'), told('card:changed')]).toEqual([true, true]);
		const j1 = heard.filter((h) => h.value.cardId === cards.j1.id).map((h) => h.value.type);
		expect(j1).toContain('card.organizations_changed');
		expect(j1).not.toContain('comment.created');
		// Out of the card's room, and (no other card there) of the board's.
		expect(await joinRoom(socket, 'card', cards.j1.id)).toEqual({ ok: false, error: 'not_found' });
		socket.close();
		// Partner again, for the tests that follow.
		await setOrganizations(t.db, countyStaff, cards.j1.id, {
			version: cards.j1.version,
			leadId: county.id,
			partnerIds: [muniX.id]
		});
		cards.j1.version++;
	});
});

describe('a change of a person re-checks their open sockets, whatever made it', () => {
	it('a coordinator made a member leaves the rooms of boards they may no longer open', async () => {
		const person = await makePerson(t.db, 'coordinator');
		const details = await t.db
			.selectFrom('user')
			.select(['email', 'name'])
			.where('id', '=', person.id)
			.executeTakeFirstOrThrow();
		const socket = await connected(person);
		const heard = recorder(socket);
		expect(await joinRoom(socket, 'board', joint.id)).toMatchObject({ ok: true });
		// The service call is what the admin page, the CLI or a script all come down to: no one
		// calls the real-time server.
		await updatePerson(t.db, admin, person.id, { ...details, role: 'member' });
		// Presence and moves stop: once the change is published the socket is out of the room.
		const left = Date.now();
		while (Date.now() - left < 5000) {
			const reply = await joinRoom(socket, 'board', joint.id);
			if (!reply.ok) break;
			await socket
				.timeout(2000)
				.emitWithAck('board:leave', { boardId: joint.id })
				.catch(() => {});
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(await joinRoom(socket, 'board', joint.id)).toEqual({ ok: false, error: 'not_found' });
		heard.length = 0;
		await move(admin, cards.j2, joint.columns[0]);
		await settled();
		expect(heard.filter((h) => h.name === 'board:changed')).toEqual([]);
		socket.close();
	});

	it('joining an organisation lets the open socket hear of its cards from then on', async () => {
		const person = await makePerson(t.db, 'member', [[muniX.id, 'member']]);
		const socket = await connected(person);
		const heard = recorder(socket);
		await joinRoom(socket, 'board', joint.id);
		await addMembership(t.db, admin, person.id, { organizationId: muniY.id, role: 'member' });
		await settled();
		heard.length = 0;
		await move(admin, cards.j2, joint.columns[1]);
		await settled([[socket, 'board:changed']]);
		expect(cardIdsOf(heard.filter((h) => h.name === 'board:changed'))).toContain(cards.j2.id);
		socket.close();
	});

	it('a disabled account is disconnected by the change itself', async () => {
		const person = await makePerson(t.db, 'member', [[muniX.id, 'member']]);
		const socket = await connected(person);
		const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
		const { disablePerson } = await import('../../../src/lib/server/users/service');
		await disablePerson(t.db, admin, person.id);
		expect(await gone).toBe('io server disconnect');
	});
});

describe("the public page's feed", () => {
	it('signals changes the public page shows, and nothing else', async () => {
		let signals = 0;
		const stop = onPublicChange(() => signals++);
		try {
			await addComment(t.db, countyStaff, cards.j1.id, { body: 'Nie dla publiczności' });
			await settled(); // moves j1 within its column: nothing shown changes
			expect(signals).toBe(0);
			// From "todo" to "in progress": the progress counts change.
			await move(admin, cards.j1, joint.columns[1]);
			await settled();
			expect(signals).toBeGreaterThan(0);
		} finally {
			stop();
			await move(admin, cards.j1, joint.columns[0]);
		}
	});
});
