import pg from 'pg';
import { sql } from 'kysely';
import { connectPostgres, openEmbedded, type DatabaseHandle } from '../../../src/lib/server/db';

// A fresh, empty database for one benchmark run: a new database on the PostgreSQL server named by
// BENCH_DATABASE_URL (dropped again by destroy, whatever happened), or an in-memory PGlite with
// --embedded or when no server answers at the default address.

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase extends DatabaseHandle {
	/** What the figures were measured on, for the report: kind, server version, where. */
	description: string;
	/** Closes the connections and drops the database (server) or closes it (embedded). Idempotent. */
	destroy(): Promise<void>;
}

/** Whether a server answers at `url`; a short timeout, so a missing server costs two seconds. */
export async function answers(url: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
	try {
		await client.connect();
	} catch {
		return false;
	}
	try {
		await client.query('select 1');
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => {});
	}
}

/** The URL without its password, for messages. */
export function shown(url: string) {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(an unreadable URL)';
	}
}

export async function onServer(serverUrl: string, statement: string) {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

export async function version(handle: DatabaseHandle): Promise<string> {
	const { rows } = await sql<{ version: string }>`select version()`.execute(handle.db);
	// "PostgreSQL 15.20 (Debian …) on x86_64…": the name and number are enough.
	return rows[0]?.version.split(' ').slice(0, 2).join(' ') ?? 'PostgreSQL';
}

async function openServer(serverUrl: string): Promise<BenchDatabase> {
	const name = `bench_${process.pid}_${Date.now()}`;
	await onServer(serverUrl, `create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	// The app's pool size: getBoard runs two queries side by side.
	const handle = connectPostgres(url.toString(), 10);
	let destroyed: Promise<void> | undefined;
	const destroy = () =>
		(destroyed ??= (async () => {
			await handle.close().catch(() => {});
			await onServer(serverUrl, `drop database if exists ${name} with (force)`);
		})());
	try {
		const description = `${await version(handle)} server at ${url.host}, database ${name}`;
		return { ...handle, description, destroy };
	} catch (error) {
		await destroy();
		throw error;
	}
}

async function openMemory(note: string): Promise<BenchDatabase> {
	const handle = await openEmbedded({});
	let closed: Promise<void> | undefined;
	const description = `${await version(handle)} embedded (PGlite, in memory)${note}`;
	return { ...handle, description, destroy: () => (closed ??= handle.close()) };
}

/**
 * The database the run measures. An explicit BENCH_DATABASE_URL that does not answer is an error
 * (the caller asked for that server); the default address not answering falls back to PGlite.
 */
export async function openBenchDatabase(embedded: boolean): Promise<BenchDatabase> {
	if (embedded) return openMemory('');
	const explicit = process.env.BENCH_DATABASE_URL;
	const serverUrl = explicit || DEFAULT_URL;
	if (await answers(serverUrl)) return openServer(serverUrl);
	if (explicit)
		throw new Error(`BENCH_DATABASE_URL: no PostgreSQL server answers at ${shown(explicit)}`);
	return openMemory(`; no server answered at ${new URL(DEFAULT_URL).host}`);
}
