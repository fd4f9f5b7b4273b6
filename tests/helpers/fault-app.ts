import path from 'node:path';
import { unflatten } from 'devalue';
import pg from 'pg';
import type { CatchUp } from '../../src/lib/realtime/events';
import type { Actor } from '../../src/lib/server/auth/policy';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { connectPostgres, type DatabaseHandle } from '../../src/lib/server/db';
import { startAppServer, type AppServer } from '../bench/lib/app-server';
import type { Place } from './board-follower';
import { startCluster, type PgCluster } from './pg-cluster';

// The built app (node server.js) as a child process on a PostgreSQL server of the test's own,
// seeded with the demo data, signed in as the demo coordinator: what the fault tests break and
// watch. Ports: FAULT_PG_PORT and FAULT_APP_PORT (defaults 55431 and 4231), plus the test file's
// `slot`, so that files never share one.

const APP_DIR = path.resolve(import.meta.dirname, '../..');
const COORDINATOR = 'koordynator@torun.example';
/** The application_name of the test's own connections to the app's database. */
export const TEST_SESSIONS = 'fault-test';

export interface FaultApp {
	cluster: PgCluster;
	/** The test's own connection to the app's database. */
	handle: DatabaseHandle;
	app: AppServer;
	origin: string;
	coordinator: Actor;
	/** A session of the coordinator's, for requests and sockets. */
	token: string;
	board: { id: number; ownerId: number; columns: number[] };
	/** Starts the app again on the same port and database (after a kill). */
	restart(): Promise<void>;
	destroy(): Promise<void>;
}

export async function startFaultApp(slot: number): Promise<FaultApp> {
	const pgPort = Number(process.env.FAULT_PG_PORT ?? 55431) + slot;
	const port = Number(process.env.FAULT_APP_PORT ?? 4231) + slot;
	const cluster = await startCluster(pgPort);
	let handle: DatabaseHandle | undefined;
	let app: AppServer | undefined;
	try {
		const admin = new pg.Client({ connectionString: cluster.url });
		await admin.connect();
		await admin.query('create database fault');
		await admin.end();
		const url = cluster.url.replace(/\/postgres$/, '/fault');
		// The app migrates and seeds the empty database as it starts.
		const env = { DATABASE_URL: url, SEED_DEMO: 'true', DATABASE_POOL_SIZE: '6' };
		const start = () => startAppServer({ appDir: APP_DIR, env, port, echoErrors: false });
		app = await start();
		// Named, so that the app's own sessions can be told from the test's in pg_stat_activity.
		handle = connectPostgres(`${url}?application_name=${TEST_SESSIONS}`, 3);
		const db = handle.db;
		const coordinator = await db
			.selectFrom('user')
			.select(['id', 'role'])
			.where('email', '=', COORDINATOR)
			.executeTakeFirstOrThrow();
		const token = generateSessionToken();
		await createSession(db, token, coordinator.id);
		const board = await db
			.selectFrom('board')
			.select(['id', 'ownerOrganizationId'])
			.orderBy('id')
			.limit(1)
			.executeTakeFirstOrThrow();
		const columns = await db
			.selectFrom('boardColumn')
			.select('id')
			.where('boardId', '=', board.id)
			.orderBy('position')
			.execute();
		const fault: FaultApp = {
			cluster,
			handle,
			app,
			origin: app.origin,
			coordinator,
			token,
			board: {
				id: board.id,
				ownerId: board.ownerOrganizationId,
				columns: columns.map((c) => c.id)
			},
			async restart() {
				fault.app = await start();
			},
			async destroy() {
				await fault.app.stop();
				await handle!.close().catch(() => {});
				await cluster.destroy();
			}
		};
		return fault;
	} catch (error) {
		await app?.stop();
		await handle?.close().catch(() => {});
		await cluster.destroy();
		throw error;
	}
}

export interface Answer {
	/** 0 when no answer came (connection refused or cut, or no answer in 15 s). */
	status: number;
	/** An action's result type ('success', 'redirect', 'failure', 'error'), if JSON. */
	type?: string;
	/** What the answer says: the error's or failure's message, or the network error. */
	message?: string;
	body: string;
}

/** A request as the app's pages send them, signed in; never throws. */
export async function request(
	fault: FaultApp,
	pathname: string,
	init: { form?: Record<string, string>; accept?: string; signal?: AbortSignal } = {}
): Promise<Answer> {
	try {
		const response = await fetch(fault.origin + pathname, {
			method: init.form ? 'POST' : 'GET',
			headers: {
				accept: init.accept ?? 'application/json',
				origin: fault.origin,
				cookie: `session=${fault.token}`,
				...(init.form
					? {
							'content-type': 'application/x-www-form-urlencoded',
							'x-sveltekit-action': 'true'
						}
					: {})
			},
			body: init.form ? new URLSearchParams(init.form).toString() : undefined,
			redirect: 'manual',
			signal: AbortSignal.any([AbortSignal.timeout(15_000), ...(init.signal ? [init.signal] : [])])
		});
		const body = await response.text();
		let parsed: { type?: string; message?: string; error?: { message?: string } } = {};
		try {
			parsed = JSON.parse(body);
		} catch {
			// An HTML page: the body is what there is.
		}
		return {
			status: response.status,
			type: parsed.type,
			message: parsed.error?.message ?? parsed.message,
			body
		};
	} catch (error) {
		// fetch hides the socket's error code in its cause (or the cause's errors, per address).
		const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
		const code = cause?.code ?? cause?.errors?.[0]?.code;
		return { status: 0, message: code ?? (error as Error).message, body: '' };
	}
}

/** The board's catch-up endpoint, as the board page calls it after a reconnect. */
export async function catchUpOverHttp(fault: FaultApp, after: string): Promise<CatchUp> {
	const answer = await request(fault, `/api/boards/${fault.board.id}/events?after=${after}`);
	if (answer.status !== 200) throw new Error(`catch-up answered ${answer.status}`);
	return JSON.parse(answer.body) as CatchUp;
}

/**
 * The board as the board page reloads it (invalidate('app:board')): its data over HTTP, from
 * SvelteKit's __data.json, decoded as the browser decodes it; where each card shown is.
 */
export async function boardOverHttp(fault: FaultApp): Promise<Map<number, Place>> {
	const answer = await request(fault, `/boards/${fault.board.id}/__data.json`);
	if (answer.status !== 200) throw new Error(`the board's data answered ${answer.status}`);
	const { nodes } = JSON.parse(answer.body) as { nodes: { type: string; data?: unknown[] }[] };
	const data = nodes
		.filter((node) => node.type === 'data')
		.map((node) => unflatten(node.data!) as { tiles?: ({ id: number } & Place)[] })
		.find((node) => node.tiles);
	if (!data) throw new Error("the board's data holds no tiles");
	return new Map(
		data.tiles!.map((t) => [
			t.id,
			{ columnId: t.columnId, position: t.position, version: t.version }
		])
	);
}
