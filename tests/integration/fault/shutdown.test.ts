import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../helpers/board-follower';
import { makeCard } from '../../helpers/boards';
import { request, startFaultApp, TEST_SESSIONS, type FaultApp } from '../../helpers/fault-app';

// The app stopped (SIGTERM) while a request is being handled: it stops taking new connections at
// once, answers the request it holds, and only then closes the database and exits cleanly. The
// request is held in the database on a row the test keeps locked, so it is surely in flight
// when the signal comes, for as long as the test wants.

let fault: FaultApp;

beforeAll(async () => {
	fault = await startFaultApp(3);
});

afterAll(async () => {
	await fault?.destroy();
});

/** How many of the app's database sessions wait for a lock. */
async function lockWaits(db: FaultApp['handle']['db']) {
	const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
		where datname = current_database() and application_name <> ${TEST_SESSIONS}
		and wait_event_type = 'Lock'`.execute(db);
	return Number(rows[0]!.n);
}

/** A card move that waits in the database on the card's row, which the test holds locked. */
async function moveHeldByLock(signal?: AbortSignal) {
	const { db } = fault.handle;
	const card = await makeCard(db, fault.board, fault.board.columns[0]!, fault.board.ownerId);
	const locker = new pg.Client({
		connectionString: fault.cluster.url.replace(/postgres$/, 'fault')
	});
	await locker.connect();
	await locker.query('begin');
	await locker.query('select 1 from card where id = $1 for update', [card.id]);
	const answer = request(fault, `/boards/${fault.board.id}?/move`, {
		form: {
			cardId: String(card.id),
			columnId: String(fault.board.columns[1]),
			afterId: '',
			version: String(card.version),
			confirmWip: 'true'
		},
		signal
	});
	// In flight: the app's session waits for the test's lock.
	await waitFor(async () => (await lockWaits(db)) > 0, 15_000);
	return { card, answer, locker };
}

describe('the app stopped with a request in flight', () => {
	it('answers it, then closes the database and exits', async () => {
		const { db } = fault.handle;
		const { card, answer, locker } = await moveHeldByLock();
		try {
			const stopping = fault.app.stop();
			// The app takes no new connection once stopping...
			await waitFor(async () => (await request(fault, '/api/health')).status === 0, 10_000);
			expect(fault.app.alive()).toBe(true);
			// ...and answers the request it holds once the database lets it through.
			await locker.query('commit');
			expect(await answer).toMatchObject({ status: 200, type: 'success' });
			await stopping;
		} finally {
			await locker.end();
		}

		const moved = await db
			.selectFrom('card')
			.select(['columnId', 'version'])
			.where('id', '=', card.id)
			.executeTakeFirstOrThrow();
		expect(moved).toEqual({ columnId: fault.board.columns[1], version: card.version + 1 });
		expect(fault.app.exitCode()).toBe(0);
		const output = fault.app.output().join('\n');
		expect(output).toContain('database closed');
		expect(output).not.toMatch(/not started|error/i);
	});

	// The client gave up (closed its connection) while its request was in the database: the request
	// goes on, so the database must stay open under it until it is done, not be closed the moment
	// no connection is left. The board page reads the cards, then the goals: the first waits on
	// the test's lock of the card table, the second comes after the client has gone.
	it('lets a request whose client went away finish before closing the database', async () => {
		await fault.restart();
		const { db } = fault.handle;
		const locker = new pg.Client({
			connectionString: fault.cluster.url.replace(/postgres$/, 'fault')
		});
		await locker.connect();
		try {
			await locker.query('begin');
			await locker.query('lock table card in access exclusive mode');
			const gaveUp = new AbortController();
			const page = request(fault, `/boards/${fault.board.id}`, {
				accept: 'text/html',
				signal: gaveUp.signal
			});
			await waitFor(async () => (await lockWaits(db)) > 0, 15_000);
			gaveUp.abort();
			expect((await page).status).toBe(0);
			const stopping = fault.app.stop();
			await waitFor(async () => (await request(fault, '/api/health')).status === 0, 10_000);
			// No connection is left, and the page's request still waits on the lock.
			expect(fault.app.alive()).toBe(true);
			await locker.query('commit');
			await stopping;
		} finally {
			await locker.end();
		}
		expect(fault.app.exitCode()).toBe(0);
		const output = fault.app.output().join('\n');
		expect(output).toContain('database closed');
		expect(output).not.toMatch(/not started|error|destroyed/i);
	});
});
