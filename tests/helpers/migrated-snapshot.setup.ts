import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openEmbedded } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';

// Vitest's global setup: on the embedded database, one freshly migrated data directory for the
// whole run, written to a file that every test file restores (tests/helpers/db.ts). A new PGlite
// runs initdb in WebAssembly, several seconds a file on this machine; restoring a dump, not one.

declare module 'vitest' {
	export interface ProvidedContext {
		migratedSnapshotFile: string | null;
	}
}

export default async function setup(project: TestProject) {
	if (process.env.TEST_DATABASE_URL) {
		project.provide('migratedSnapshotFile', null);
		return;
	}
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
