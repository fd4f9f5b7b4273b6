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

describe('the app stopped with a request in flight', () => {
	it('answers it, then closes the database and exits', async () => {
		const { db } = fault.handle;
		const card = await makeCard(db, fault.board, fault.board.columns[0]!, fault.board.ownerId);
		const locker = new pg.Client({
			connectionString: fault.cluster.url.replace(/postgres$/, 'fault')
		});
		await locker.connect();
		try {
			await locker.query('begin');
			await locker.query('select 1 from card where id = $1 for update', [card.id]);
			const moving = request(fault, `/boards/${fault.board.id}?/move`, {
				form: {
					cardId: String(card.id),
					columnId: String(fault.board.columns[1]),
					afterId: '',
					version: String(card.version),
					confirmWip: 'true'
				}
			});
			// In flight: the app's session waits for the test's lock.
			const waiting = async () =>
				(
					await sql<{ n: string }>`select count(*) as n from pg_stat_activity
						where datname = current_database() and application_name <> ${TEST_SESSIONS}
						and wait_event_type = 'Lock'`.execute(db)
				).rows[0]!.n !== '0';
			await waitFor(waiting, 15_000);

			const stopping = fault.app.stop();
			// The app takes no new connection once stopping...
			await waitFor(async () => (await request(fault, '/api/health')).status === 0, 10_000);
			expect(fault.app.alive()).toBe(true);
			// ...and answers the request it holds once the database lets it through.
			await locker.query('commit');
			const answer = await moving;
			expect(answer).toMatchObject({ status: 200, type: 'success' });
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
});
