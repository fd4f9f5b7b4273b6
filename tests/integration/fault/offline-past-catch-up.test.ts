import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatchUp } from '../../../src/lib/realtime/events';
import { moveCard } from '../../../src/lib/server/cards/service';
import {
	CATCH_UP_MAX_AGE_MS,
	CATCH_UP_MAX_EVENTS
} from '../../../src/lib/server/realtime/catch-up';
import { latestEventId } from '../../../src/lib/server/realtime/publisher';
import { boardPlaces, followBoard, waitFor, type Follower } from '../../helpers/board-follower';
import { makeCard } from '../../helpers/boards';
import {
	boardOverHttp,
	catchUpOverHttp,
	startFaultApp,
	type FaultApp
} from '../../helpers/fault-app';

// A client whose connection is cut for longer than the catch-up window: more events missed than
// the catch-up replays, or events older than it replays. On reconnecting it is told to reload,
// reloads the board over HTTP as the board page does, and ends with what the database holds;
// live events then reach it again. A client that stayed connected got every event live.

let fault: FaultApp;
const cards: { id: number; version: number; column: number }[] = [];

beforeAll(async () => {
	fault = await startFaultApp(2);
	for (let i = 0; i < 6; i++) {
		const card = await makeCard(
			fault.handle.db,
			fault.board,
			fault.board.columns[0]!,
			fault.board.ownerId
		);
		cards.push({ ...card, column: 0 });
	}
});

afterAll(async () => {
	await fault?.destroy();
});

/** Moves the cards round the columns `count` times, through the app's own move service. */
async function moveCards(count: number) {
	const { columns } = fault.board;
	for (let i = 0; i < count; i++) {
		const card = cards[i % cards.length]!;
		const column = (card.column + 1) % columns.length;
		const moved = await moveCard(fault.handle.db, fault.coordinator, card.id, {
			columnId: columns[column]!,
			version: card.version,
			confirmWip: true
		});
		card.version = moved.version;
		card.column = column;
	}
}

/** A client following the board that reloads over HTTP and records each catch-up's answer. */
async function follow(reconnection: boolean) {
	const answers: CatchUp[] = [];
	const { db } = fault.handle;
	const follower = await followBoard({
		origin: fault.origin,
		token: fault.token,
		boardId: fault.board.id,
		after: await latestEventId(db),
		places: await boardOverHttp(fault),
		fetchSince: async (after) => {
			const answer = await catchUpOverHttp(fault, after);
			answers.push(answer);
			return answer;
		},
		load: () => boardOverHttp(fault),
		reconnection
	});
	return { follower, answers };
}

/** Cuts the client's connection (its transport closes, as when the network drops). */
async function cut(follower: Follower) {
	follower.socket.io.engine.close();
	await waitFor(() => !follower.socket.connected);
}

/** Where the database has the board's live cards (the board shows no archived one). */
async function liveCards() {
	const live = await fault.handle.db
		.selectFrom('card')
		.select('id')
		.where('boardId', '=', fault.board.id)
		.where('archivedAt', 'is', null)
		.execute();
	const all = await boardPlaces(fault.handle.db, fault.board.id);
	return new Map(live.map(({ id }) => [id, all.get(id)!]));
}

/** Reconnects the client and waits until it has caught up (or reloaded). */
async function reconnect(follower: Follower, answers: CatchUp[]) {
	const before = answers.length;
	follower.socket.connect();
	await waitFor(() => answers.length > before && follower.reloads() >= 1, 30_000);
}

describe('a client offline for longer than the catch-up window', () => {
	it('is told to reload after missing more events than are replayed, and ends with the database', async () => {
		const offline = await follow(false);
		const online = await follow(true);
		const since = await latestEventId(fault.handle.db);
		await cut(offline.follower);

		await moveCards(CATCH_UP_MAX_EVENTS + 20);
		const missed = await fault.handle.db
			.selectFrom('event')
			.select('id')
			.where('boardId', '=', fault.board.id)
			.where('id', '>', since)
			.execute();
		expect(missed.length).toBeGreaterThan(CATCH_UP_MAX_EVENTS);

		await reconnect(offline.follower, offline.answers);
		const latest = await latestEventId(fault.handle.db);
		expect(offline.answers).toEqual([{ events: [], latestId: latest, reload: true }]);
		expect(offline.follower.reloads()).toBe(1);
		expect(offline.follower.places).toEqual(await liveCards());
		// Nothing missed was replayed one by one, and the feed goes on from the latest event.
		expect(offline.follower.applied.size).toBe(0);
		expect(offline.follower.feed.last).toBe(latest);

		// The client that stayed connected got every event live, once, and never reloaded.
		await waitFor(() => missed.every((e) => online.follower.applied.has(e.id)), 30_000);
		expect(online.follower.appliedTwice()).toBe(false);
		expect(online.follower.reloads()).toBe(0);
		expect(online.follower.places).toEqual(await liveCards());

		// Back online, the reloaded client gets the next move live.
		await moveCards(1);
		const next = await latestEventId(fault.handle.db);
		await waitFor(() => offline.follower.applied.has(next), 10_000);
		expect(offline.follower.places).toEqual(await liveCards());
		for (const { follower } of [offline, online]) follower.socket.close();
	});

	it('is told to reload when the events it missed are older than are replayed', async () => {
		const offline = await follow(false);
		const since = await latestEventId(fault.handle.db);
		await cut(offline.follower);
		await moveCards(3);
		// An hour passing is simulated on the missed events' timestamps, not waited for.
		// The event table refuses updates (a trigger): the test's superuser session sets its
		// triggers aside for this one transaction.
		await fault.handle.db.transaction().execute(async (trx) => {
			await sql`set local session_replication_role = replica`.execute(trx);
			const age = `${CATCH_UP_MAX_AGE_MS + 60_000} milliseconds`;
			await sql`update event set occurred_at = occurred_at - ${age}::interval
				where board_id = ${fault.board.id} and id > ${since}`.execute(trx);
		});

		await reconnect(offline.follower, offline.answers);
		expect(offline.answers).toEqual([
			{ events: [], latestId: await latestEventId(fault.handle.db), reload: true }
		]);
		expect(offline.follower.reloads()).toBe(1);
		expect(offline.follower.applied.size).toBe(0);
		expect(offline.follower.places).toEqual(await liveCards());
		offline.follower.socket.close();
	});
});
