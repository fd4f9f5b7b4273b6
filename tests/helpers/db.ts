import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { connectPostgres, openEmbedded, type DatabaseHandle } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

// A fresh, migrated database for one test file: a new database on the PostgreSQL server named by
// TEST_DATABASE_URL, or else an in-memory PGlite restored from a migrated snapshot: the one the
// run's global setup wrote (migrated-snapshot.setup.ts), else one made here once per test file.

let snapshot: Promise<Blob> | undefined;

async function freshSnapshot(): Promise<Blob> {
	const file = inject('migratedSnapshotFile');
	if (file) return new Blob([await readFile(file)]);
	const handle = await openEmbedded({});
	await migrateToLatest(handle.db);
	const dump = await handle.pglite.dumpDataDir('none');
	await handle.close();
	return dump;
}

/** A dump of a freshly migrated embedded database. */
export function migratedSnapshot(): Promise<Blob> {
	snapshot ??= freshSnapshot();
	return snapshot;
}

export interface TestDatabase extends DatabaseHandle {
	/** The database's URL, on a PostgreSQL server only. */
	url?: string;
	/** Drops the database (server) or closes it (embedded). */
	destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) {
		const name = `test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		const template = inject('migratedTemplate');
		await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
		await admin.end();
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		const handle = connectPostgres(url.toString(), 4);
		await migrateToLatest(handle.db);
		return {
			...handle,
			url: url.toString(),
			async destroy() {
				await handle.close();
				const client = new pg.Client({ connectionString: serverUrl });
				await client.connect();
				await client.query(`drop database if exists ${name} with (force)`);
				await client.end();
			}
		};
	}
	const handle = await openEmbedded({ loadDataDir: await migratedSnapshot() });
	return { ...handle, destroy: () => handle.close() };
}
