import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectPostgres, openEmbedded, type DatabaseHandle } from '../../../src/lib/server/db';
import { answers, DEFAULT_URL, onServer, shown, version } from './database';

// A fresh database that the app's server, a process of its own, opens too: a new database on the
// PostgreSQL server named by BENCH_DATABASE_URL (by default 127.0.0.1:5432 if one answers), or an
// embedded PGlite directory with --embedded or when none answers. The benchmark fills it through
// `handle`, closes that (a PGlite directory takes one process at a time), then starts the server
// with `env`. destroy drops the database or deletes the directory, whatever happened.

export interface AppDatabase {
	handle: DatabaseHandle;
	/** What the figures were measured on, for the report. */
	description: string;
	/** The server's environment for this database: DATABASE_URL, or DATA_DIR for PGlite. */
	env: Record<string, string>;
	/** Closes the benchmark's own connection. Idempotent. */
	close(): Promise<void>;
	/** Closes, then drops the database or deletes the directory. Idempotent. */
	destroy(): Promise<void>;
}

function once(fn: () => Promise<void>): () => Promise<void> {
	let done: Promise<void> | undefined;
	return () => (done ??= fn());
}

async function onPostgres(serverUrl: string): Promise<AppDatabase> {
	const name = `bench_rt_${process.pid}_${Date.now()}`;
	await onServer(serverUrl, `create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = connectPostgres(url.toString(), 4);
	const close = once(() => handle.close().catch(() => {}));
	const destroy = once(async () => {
		await close();
		await onServer(serverUrl, `drop database if exists ${name} with (force)`);
	});
	try {
		const description = `${await version(handle)} server at ${url.host}, database ${name}`;
		return { handle, description, env: { DATABASE_URL: url.toString() }, close, destroy };
	} catch (error) {
		await destroy();
		throw error;
	}
}

async function inDirectory(note: string): Promise<AppDatabase> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-rt-'));
	const remove = () => rm(dir, { recursive: true, force: true });
	let handle: DatabaseHandle;
	try {
		handle = await openEmbedded({ dataDir: dir });
	} catch (error) {
		await remove();
		throw error;
	}
	const close = once(() => handle.close().catch(() => {}));
	const destroy = once(async () => {
		await close();
		await remove();
	});
	const description = `${await version(handle)} embedded (PGlite) in ${dir}${note}`;
	return { handle, description, env: { DATA_DIR: dir }, close, destroy };
}

/** As openBenchDatabase: an explicit BENCH_DATABASE_URL that does not answer is an error. */
export async function openAppDatabase(embedded: boolean): Promise<AppDatabase> {
	if (embedded) return inDirectory('');
	const explicit = process.env.BENCH_DATABASE_URL;
	const serverUrl = explicit || DEFAULT_URL;
	if (await answers(serverUrl)) return onPostgres(serverUrl);
	if (explicit)
		throw new Error(`BENCH_DATABASE_URL: no PostgreSQL server answers at ${shown(explicit)}`);
	return inDirectory(`; no server answered at ${new URL(DEFAULT_URL).host}`);
}
