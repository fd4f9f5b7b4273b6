import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectPostgres, openEmbedded } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

// Vitest's global setup: one freshly migrated database for the whole run, which every test file
// copies (tests/helpers/db.ts). On the embedded database, a data directory written to a file: a
// new PGlite runs initdb in WebAssembly, several seconds a file on this machine; restoring a dump,
// not one. On a PostgreSQL server, a template database that each file's database is created from.

declare module 'vitest' {
	export interface ProvidedContext {
		migratedSnapshotFile: string | null;
		migratedTemplate: string | null;
	}
}

export default async function setup(project: TestProject) {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) {
		project.provide('migratedSnapshotFile', null);
		const template = `test_template_${process.pid}_${Date.now()}`;
		await onServer(serverUrl, `create database ${template}`);
		const url = new URL(serverUrl);
		url.pathname = `/${template}`;
		const handle = connectPostgres(url.toString(), 1);
		await migrateToLatest(handle.db);
		await handle.close();
		project.provide('migratedTemplate', template);
		return () => onServer(serverUrl, `drop database if exists ${template} with (force)`);
	}
	project.provide('migratedTemplate', null);
	const dir = path.resolve('tests/.tmp');
	await mkdir(dir, { recursive: true });
	const file = path.join(dir, `migrated-${process.pid}.tar`);
	const handle = await openEmbedded({});
	await migrateToLatest(handle.db);
	const dump = await handle.pglite.dumpDataDir('none');
	await handle.close();
	await writeFile(file, Buffer.from(await dump.arrayBuffer()));
	project.provide('migratedSnapshotFile', file);
	return () => rm(file, { force: true });
}

async function onServer(serverUrl: string, statement: string) {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}
