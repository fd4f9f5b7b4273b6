import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openEmbedded } from '../db';
import { acquireDataDirLock, DataDirLockedError } from '../db/lock';

// Backups of the embedded database: PGlite's own dump of its data directory (a .tar.gz of the
// files of a cleanly checkpointed database), taken while this process holds the directory's
// lock, so no app writes meanwhile. A running app holds the lock: backup and restore then stop
// with the lock's message (which names the app's pid) rather than copy a database in use.

const LOCK_FILE = 'app.lock';

/** Runs `fn`, saying first what to do when the app holds the database. */
async function unlessInUse<T>(what: string, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		if (error instanceof DataDirLockedError)
			throw new DataDirLockedError(`Stop the app before a ${what}. ${error.message}`);
		throw error;
	}
}

/** Dumps the database in `dataDir` into `file` (.tar.gz). */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION')))
		throw new Error(`There is no embedded database in ${path.resolve(dataDir)}.`);
	const handle = await unlessInUse('backup', () => openEmbedded({ dataDir }));
	try {
		const dump = await handle.pglite.dumpDataDir('gzip');
		fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
		// Written beside and renamed, so a failed backup never leaves a truncated file behind.
		const partial = `${file}.partial`;
		fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
		fs.renameSync(partial, file);
	} finally {
		await handle.close();
	}
}

/**
 * Replaces the database in `dataDir` with the one in `file`. The dump is unpacked and opened in
 * a directory beside it first; only a database that opens and answers replaces the current one,
 * and the lock is held from start to end.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
	if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}.`);
	const release = await unlessInUse('restore', async () => acquireDataDirLock(dataDir));
	const staging = `${path.resolve(dataDir)}.restoring-${process.pid}`;
	try {
		fs.rmSync(staging, { recursive: true, force: true });
		const pglite = await PGlite.create({
			dataDir: staging,
			loadDataDir: new Blob([fs.readFileSync(file)])
		});
		try {
			await pglite.query('select count(*) from kysely_migration');
		} catch (error) {
			throw new Error(`${file} does not hold a database of this app: ${(error as Error).message}`);
		} finally {
			await pglite.close();
		}
		for (const entry of fs.readdirSync(dataDir))
			if (entry !== LOCK_FILE) fs.rmSync(path.join(dataDir, entry), { recursive: true });
		// The dump may carry the lock file of the process that took it; ours stays.
		for (const entry of fs.readdirSync(staging))
			if (entry !== LOCK_FILE) fs.renameSync(path.join(staging, entry), path.join(dataDir, entry));
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
		release();
	}
}
