import { PGlite } from '@electric-sql/pglite';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startAppServer, type AppServer } from '../../bench/lib/app-server';

// A server of a test's own whose embedded database can be read between runs: stopped, its data
// directory is opened with PGlite and every table is summed up, so that a test can prove it wrote
// nothing at all (not only no event): every row of every table the same before and after.

export interface KeptServer {
	server: AppServer;
	base: string;
	dataDir: string;
}

/** The built app on the embedded database in `dataDir` (new and seeded when it is empty). */
export async function startOn(dataDir: string): Promise<KeptServer> {
	const server = await startAppServer({ appDir: '.', env: { DATA_DIR: dataDir } });
	return { server, base: server.origin, dataDir };
}

/** A fresh data directory under tests/.tmp, named for the test and this process. */
export function freshDataDir(name: string): string {
	const dataDir = path.resolve(`tests/.tmp/${name}-${process.pid}`);
	rmSync(dataDir, { recursive: true, force: true });
	return dataDir;
}

export function removeDataDir(dataDir: string) {
	rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Every table of the app's schema, by name: its row count and an MD5 of its rows in order, read
 * from a data directory no server has open (stop the server first).
 */
export async function tableSums(dataDir: string): Promise<Record<string, string>> {
	const db = await PGlite.create({ dataDir });
	try {
		const { rows: tables } = await db.query<{ name: string }>(
			`select table_name as name from information_schema.tables
			 where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`
		);
		const sums: Record<string, string> = {};
		for (const { name } of tables) {
			const table = `"${name.replaceAll('"', '""')}"`;
			const { rows } = await db.query<{ n: number; sum: string | null }>(
				`select count(*)::int as n, md5(string_agg(t::text, E'\\n' order by t::text)) as sum
				 from ${table} t`
			);
			sums[name] = `${rows[0]!.n} rows, ${rows[0]!.sum ?? '-'}`;
		}
		return sums;
	} finally {
		await db.close();
	}
}
