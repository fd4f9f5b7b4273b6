import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardEvent } from '../../../src/lib/realtime/events';
import { latestEventId } from '../../../src/lib/server/realtime/publisher';
import { boardPlaces, followBoard, waitFor, type Follower } from '../../helpers/board-follower';
import {
	catchUpOverHttp,
	request,
	startFaultApp,
	type Answer,
	type FaultApp
} from '../../helpers/fault-app';

// PostgreSQL stopped under the app while cards are being created through the board's form
// action, kept down for a few seconds, started again. The app must stay up, answer 503 with a
// clear message meanwhile (never a 500, never hang), recover by itself, have kept every write it
// acknowledged and none twice, and its real-time publisher must LISTEN again and go on
// publishing.

const UNAVAILABLE = JSON.parse(readFileSync('messages/pl.json', 'utf8'))
	.error_database_unavailable as string;
/** The form posts' pace: 20 a second. */
const EVERY_MS = 50;

let fault: FaultApp;
let follower: Follower;
const received: BoardEvent[] = [];

beforeAll(async () => {
	fault = await startFaultApp(0);
	const after = await latestEventId(fault.handle.db);
	const load = () => boardPlaces(fault.handle.db, fault.board.id);
	follower = await followBoard({
		origin: fault.origin,
		token: fault.token,
		boardId: fault.board.id,
		after,
		places: await load(),
		fetchSince: (after) => catchUpOverHttp(fault, after),
		load,
		reconnection: true
	});
	follower.socket.on('board:changed', (event: BoardEvent) => received.push(event));
});

afterAll(async () => {
	follower?.socket.close();
	await fault?.destroy();
});

interface Write {
	title: string;
	answer?: Answer;
}

/** Creates cards through the board's form, one every EVERY_MS, until `stop` is called. */
function writer() {
	const writes: Write[] = [];
	const pending: Promise<unknown>[] = [];
	let running = true;
	const loop = (async () => {
		while (running) {
			const write: Write = { title: `Karta awarii ${writes.length + 1}` };
			writes.push(write);
			pending.push(
				request(fault, `/boards/${fault.board.id}?/create`, {
					form: { title: write.title, columnId: String(fault.board.columns[0]) }
				}).then((answer) => (write.answer = answer))
			);
			await sleep(EVERY_MS);
		}
	})();
	return {
		writes,
		async stop() {
			running = false;
			await loop;
			await Promise.all(pending);
		}
	};
}

const health = async () => (await request(fault, '/api/health')).status;

describe('PostgreSQL restarted under load', () => {
	it('answers 503 while it is down, recovers by itself, and loses or doubles no write', async () => {
		const writing = writer();
		await sleep(1500);
		await fault.cluster.stop('fast');

		// Down: every kind of request says so, promptly.
		await sleep(500);
		expect(await request(fault, '/api/health')).toMatchObject({ status: 503 });
		const page = await request(fault, `/boards/${fault.board.id}`, { accept: 'text/html' });
		expect(page.status).toBe(503);
		expect(page.body).toContain(UNAVAILABLE);
		const catchUp = await request(fault, `/api/boards/${fault.board.id}/events?after=0`);
		expect(catchUp).toMatchObject({ status: 503, message: UNAVAILABLE });
		await sleep(2500);
		expect(fault.app.alive()).toBe(true);

		await fault.cluster.start();
		await waitFor(async () => (await health()) === 200, 20_000);
		await sleep(1500);
		await writing.stop();
		expect(fault.app.alive()).toBe(true);

		const answers = writing.writes.map((w) => w.answer!);
		const ok = writing.writes.filter((w) => w.answer!.type === 'redirect');
		const refused = writing.writes.filter((w) => w.answer!.status === 503);
		// Nothing but a success or a 503 with the message: no 500, no request left hanging.
		const other = answers.filter((a) => a.type !== 'redirect' && a.status !== 503);
		expect(other).toEqual([]);
		expect(refused.every((w) => w.answer!.type === 'error')).toBe(true);
		expect(refused.every((w) => w.answer!.message === UNAVAILABLE)).toBe(true);
		expect(refused.length).toBeGreaterThan(10);
		// Writes succeeded before the stop and again after the start.
		const firstRefused = writing.writes.indexOf(refused[0]!);
		const lastRefused = writing.writes.indexOf(refused.at(-1)!);
		expect(ok.some((w) => writing.writes.indexOf(w) < firstRefused)).toBe(true);
		expect(ok.some((w) => writing.writes.indexOf(w) > lastRefused)).toBe(true);

		// Every acknowledged card is there once; a refused one at most once.
		const rows = await fault.handle.db
			.selectFrom('card')
			.select(['title', (eb) => eb.fn.countAll<string>().as('n')])
			.where('boardId', '=', fault.board.id)
			.where('title', 'like', 'Karta awarii %')
			.groupBy('title')
			.execute();
		const count = new Map(rows.map((r) => [r.title, Number(r.n)]));
		expect(ok.filter((w) => count.get(w.title) !== 1)).toEqual([]);
		expect(rows.filter((r) => Number(r.n) > 1)).toEqual([]);
	});

	it('listens for new events again and goes on publishing them', async () => {
		// The app's publisher holds a LISTEN connection of its own: it is back.
		const listening = async () =>
			(
				await sql<{
					n: string;
				}>`select count(*) as n from pg_stat_activity where query ilike 'listen %'`.execute(
					fault.handle.db
				)
			).rows[0]!;
		await waitFor(async () => Number((await listening()).n) > 0, 10_000);

		const titles = ['Po awarii 1', 'Po awarii 2', 'Po awarii 3'];
		for (const title of titles) {
			const answer = await request(fault, `/boards/${fault.board.id}?/create`, {
				form: { title, columnId: String(fault.board.columns[0]) }
			});
			expect(answer.type).toBe('redirect');
		}
		const cards = await fault.handle.db
			.selectFrom('card')
			.select('id')
			.where('title', 'in', titles)
			.execute();
		expect(cards).toHaveLength(3);
		await waitFor(() => cards.every((c) => received.some((e) => e.cardId === c.id)), 10_000);
		expect(follower.appliedTwice()).toBe(false);
	});
});
