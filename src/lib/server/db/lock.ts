import fs from 'node:fs';
import path from 'node:path';

// PGlite silently corrupts a data directory that two processes open. Whoever opens one first
// writes its pid into a lock file; a second process is refused, naming the holder.

export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function acquireDataDirLock(dataDir: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockPath = path.join(dataDir, 'app.lock');
	const content = JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() });
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, content, { flag: 'wx' });
			return () => {
				try {
					const holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid: number };
					if (holder.pid === process.pid) fs.unlinkSync(lockPath);
				} catch {
					// Already gone: nothing to release.
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let holder: { pid?: number; startedAt?: string } = {};
			try {
				holder = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
			} catch {
				// Unreadable lock: treat it as stale.
			}
			if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
				throw new DataDirLockedError(
					`The embedded database in ${path.resolve(dataDir)} is in use by process ${holder.pid}` +
						` (started ${holder.startedAt ?? 'at an unknown time'}). Stop that process, or set` +
						` DATA_DIR to another directory, or DATABASE_URL to a PostgreSQL server.`
				);
			}
			// The holder is gone (a crash or a kill): the lock is stale, take it over.
			fs.unlinkSync(lockPath);
		}
	}
	throw new DataDirLockedError(`Could not lock ${path.resolve(dataDir)}.`);
}
