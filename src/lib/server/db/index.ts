import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { acquireDataDirLock } from './lock';
import type { Database } from './schema';

export type Db = Kysely<Database>;

const INT8_OID = 20;
const DATE_OID = 1082;
const keepText = (value: string) => value;
const CONNECT_TIMEOUT_MS = 5000;
/** How long a lost LISTEN connection waits before trying again. */
const RELISTEN_MS = 1000;

export interface DatabaseHandle {
	db: Db;
	kind: 'postgres' | 'embedded';
	/** Calls `onNotify` on every NOTIFY on `channel` (delivered at commit); returns how to stop. */
	listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** A Kysely instance on a PostgreSQL server. */
export function connectPostgres(connectionString: string, max = 10): DatabaseHandle {
	const pool = new pg.Pool({
		connectionString,
		max,
		// A server that accepts connections but never completes them must not hold requests for
		// ever: after this a request fails (503) instead of waiting.
		connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		// bigint stays a string (exact) and a date stays 'YYYY-MM-DD', the same as on PGlite below.
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
				oid === INT8_OID || oid === DATE_OID
					? keepText
					: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
		}
	});
	// A client losing its server must not crash the process; the next query reports it. The pool
	// listens on idle clients only: one checked out between two queries (in a transaction, say)
	// would emit its 'error' to nobody, which ends the process, so every client gets a listener.
	const logError = (error: Error) => console.error('PostgreSQL pool error:', error.message);
	pool.on('error', logError);
	pool.on('connect', (client) => client.on('error', logError));
	const db = new Kysely<Database>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new CamelCasePlugin()]
	});
	return {
		db,
		kind: 'postgres',
		listen: (channel, onNotify) => listenReconnecting(connectionString, channel, onNotify),
		close: () => db.destroy()
	};
}

/**
 * LISTEN on a connection of its own, held for as long as it listens, and opened again whenever
 * it is lost (the server restarted): a listener that silently went deaf would leave real-time
 * updates to the publisher's slower poll for good. `onNotify` is also called on every reconnect,
 * since notifications sent while nobody listened are gone. The first connection's failure is
 * thrown to the caller, as before.
 */
async function listenReconnecting(
	connectionString: string,
	channel: string,
	onNotify: () => void
): Promise<() => Promise<void>> {
	let client: pg.Client | undefined;
	let stopped = false;
	let retry: ReturnType<typeof setTimeout> | undefined;

	async function open() {
		const next = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
		next.on('error', (error) => console.error('PostgreSQL LISTEN error:', error.message));
		next.on('notification', onNotify);
		await next.connect();
		try {
			await next.query(`listen ${pg.escapeIdentifier(channel)}`);
		} catch (error) {
			await next.end().catch(() => {});
			throw error;
		}
		next.once('end', () => {
			client = undefined;
			if (!stopped) later();
		});
		client = next;
		if (stopped) await next.end();
	}
	function later() {
		retry = setTimeout(() => {
			open().then(onNotify, (error: Error) => {
				console.error('PostgreSQL LISTEN: reconnecting failed:', error.message);
				if (!stopped) later();
			});
		}, RELISTEN_MS);
		retry.unref();
	}

	await open();
	return async () => {
		stopped = true;
		clearTimeout(retry);
		await client?.end();
	};
}

/**
 * A Kysely instance on an embedded PGlite database: in `dataDir` (locked against a second
 * process), or in memory when `dataDir` is undefined. `loadDataDir` restores a dump.
 */
export async function openEmbedded(options: {
	dataDir?: string;
	loadDataDir?: Blob;
}): Promise<DatabaseHandle & { pglite: PGlite }> {
	const release = options.dataDir ? acquireDataDirLock(options.dataDir) : () => {};
	try {
		const pglite = await PGlite.create({
			dataDir: options.dataDir,
			loadDataDir: options.loadDataDir,
			parsers: { [INT8_OID]: keepText, [DATE_OID]: keepText }
		});
		const db = new Kysely<Database>({
			dialect: new PGliteDialect(pglite),
			plugins: [new CamelCasePlugin()]
		});
		return {
			db,
			pglite,
			kind: 'embedded',
			async listen(channel, onNotify) {
				const unlisten = await pglite.listen(channel, onNotify);
				return async () => {
					if (!pglite.closed) await unlisten();
				};
			},
			async close() {
				await db.destroy();
				if (!pglite.closed) await pglite.close();
				release();
			}
		};
	} catch (error) {
		release();
		throw error;
	}
}
