import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestEventId } from '../../../src/lib/server/realtime/publisher';
import {
	boardPlaces,
	followBoard,
	waitFor,
	waitInStep,
	type Follower
} from '../../helpers/board-follower';
import { makeCard } from '../../helpers/boards';
import {
	catchUpOverHttp,
	request,
	startFaultApp,
	TEST_SESSIONS,
	type FaultApp
} from '../../helpers/fault-app';

// The app killed (SIGKILL) while cards move at 50 a second and three clients watch the board,
// then started again on the same port and database. The clients reconnect and catch up, each
// ending with what the database holds, no event applied twice; every acknowledged move is in the
// database with its event, and a move cut off by the kill is there whole or not at all.

let fault: FaultApp;
const followers: Follower[] = [];
type Card = { id: number; start: number; version: number; column: number; busy: boolean };
const cards: Card[] = [];
let since: string;

beforeAll(async () => {
	fault = await startFaultApp(1);
	const { db } = fault.handle;
	for (let i = 0; i < 12; i++) {
		const card = await makeCard(db, fault.board, fault.board.columns[0]!, fault.board.ownerId);
		cards.push({ id: card.id, start: card.version, version: card.version, column: 0, busy: false });
	}
	since = await latestEventId(db);
	const load = () => boardPlaces(db, fault.board.id);
	for (let i = 0; i < 3; i++)
		followers.push(
			await followBoard({
				origin: fault.origin,
				token: fault.token,
				boardId: fault.board.id,
				after: await latestEventId(db),
				places: await load(),
				fetchSince: (after) => catchUpOverHttp(fault, after),
				load,
				reconnection: true
			})
		);
});

afterAll(async () => {
	for (const f of followers) f.socket.close();
	await fault?.destroy();
});

type Move = { cardId: number; version: number; outcome?: 'ok' | 'refused' | 'cut' };

/**
 * Moves a free card to the next column every 20 ms until stopped. A card whose move was cut off
 * stays busy (where it is is unknown) until `resolveCut` reads it from the database.
 */
function mover() {
	const moves: Move[] = [];
	const pending: Promise<unknown>[] = [];
	let running = true;
	const loop = (async () => {
		for (let i = 0; running; i++) {
			const free = cards.filter((c) => !c.busy);
			const card = free[i % Math.max(free.length, 1)];
			if (card) {
				card.busy = true;
				const column = (card.column + 1) % fault.board.columns.length;
				const move: Move = { cardId: card.id, version: card.version + 1 };
				moves.push(move);
				const form = {
					cardId: String(card.id),
					columnId: String(fault.board.columns[column]),
					afterId: '',
					version: String(card.version),
					confirmWip: 'true'
				};
				pending.push(
					request(fault, `/boards/${fault.board.id}?/move`, { form }).then((answer) => {
						if (answer.type === 'success') {
							move.outcome = 'ok';
							card.version++;
							card.column = column;
							card.busy = false;
						} else if (answer.message === 'ECONNREFUSED') {
							// Never reached the app: the card is where it was.
							move.outcome = 'refused';
							card.busy = false;
						} else move.outcome = 'cut'; // where it is now is for the database to say
					})
				);
			}
			await sleep(20);
		}
	})();
	const count = (outcome: Move['outcome'], from = 0) =>
		moves.slice(from).filter((m) => m.outcome === outcome).length;
	return {
		moves,
		count,
		/** Waits for every request sent so far to be answered (or cut). */
		settled: () => Promise.all([...pending]),
		/** Takes the cards whose move was cut from the database, and frees them. */
		async resolveCut() {
			for (const card of cards.filter((c) => c.busy)) {
				const row = await fault.handle.db
					.selectFrom('card')
					.select(['version', 'columnId'])
					.where('id', '=', card.id)
					.executeTakeFirstOrThrow();
				card.version = row.version;
				card.column = fault.board.columns.indexOf(row.columnId);
				card.busy = false;
			}
		},
		async stop() {
			running = false;
			await loop;
			await Promise.all(pending);
		}
	};
}

/** How many sessions of the app (not the test's) the database still has. */
async function appSessions() {
	const { rows } = await sql<{ n: string }>`
		select count(*) as n from pg_stat_activity
		where datname = current_database() and application_name <> ${TEST_SESSIONS}
	`.execute(fault.handle.db);
	return Number(rows[0]!.n);
}

describe('the app killed at 50 moves a second and started again', () => {
	it('keeps every acknowledged move, and its watchers end up with the database', async () => {
		const moving = mover();
		await waitFor(() => moving.count('ok') >= 10, 30_000);
		const killedAt = moving.moves.length;
		await fault.app.kill();
		// The moves in flight are cut off. Once the killed process's sessions are gone from the
		// database, each of them has committed or not for good: the cards are read back from it
		// (otherwise a card whose move was cut could never move again).
		await moving.settled();
		await waitFor(async () => (await appSessions()) === 0, 15_000);
		await moving.resolveCut();
		// While it is down, moves are refused.
		await waitFor(() => moving.count('refused', killedAt) >= 5, 15_000);
		await fault.restart();
		const restartedAt = moving.moves.length;
		await waitFor(() => moving.count('ok', restartedAt) >= 10, 30_000);
		await moving.stop();

		const { db } = fault.handle;
		const truth = await boardPlaces(db, fault.board.id);
		const events = await db
			.selectFrom('event')
			.select(['cardId', 'payload'])
			.where('boardId', '=', fault.board.id)
			.where('type', '=', 'card.moved')
			.where('id', '>', since)
			.execute();
		const key = (cardId: number | null, version: unknown) => `${cardId}:${version}`;
		const logged = events.map((e) => key(e.cardId, (e.payload as { version: number }).version));
		// One event per version a card went through, and no version without its event.
		expect(new Set(logged).size).toBe(logged.length);
		for (const card of cards)
			expect(truth.get(card.id)!.version).toBe(
				card.start + events.filter((e) => e.cardId === card.id).length
			);
		const ok = moving.moves.filter((m) => m.outcome === 'ok');
		expect(ok.filter((m) => !logged.includes(key(m.cardId, m.version)))).toEqual([]);
		for (const cut of moving.moves.filter((m) => m.outcome === 'cut'))
			expect(logged.includes(key(cut.cardId, cut.version))).toBe(
				truth.get(cut.cardId)!.version >= cut.version
			);

		for (const follower of followers) {
			await waitInStep(follower, () => boardPlaces(db, fault.board.id), 15_000);
			expect(follower.joined()).toBeGreaterThanOrEqual(2);
			expect(follower.places).toEqual(truth);
			expect(follower.appliedTwice()).toBe(false);
			expect(follower.reloads()).toBe(0);
		}
	});
});
