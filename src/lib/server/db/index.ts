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
		// bigint stays a string (exact) and a date stays 'YYYY-MM-DD', the same as on PGlite below.
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
				oid === INT8_OID || oid === DATE_OID
					? keepText
					: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
		}
	});
	// An idle client losing its server must not crash the process; the next query reports it.
	pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
	const db = new Kysely<Database>({
		dialect: new PostgresDialect({ pool }),
		plugins: [new CamelCasePlugin()]
	});
	return {
		db,
		kind: 'postgres',
		async listen(channel, onNotify) {
			// LISTEN needs a connection of its own, held for as long as it listens.
			const client = new pg.Client({ connectionString });
			client.on('error', (error) => console.error('PostgreSQL LISTEN error:', error.message));
			client.on('notification', onNotify);
			await client.connect();
			await client.query(`listen ${pg.escapeIdentifier(channel)}`);
			return () => client.end();
		},
		close: () => db.destroy()
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
