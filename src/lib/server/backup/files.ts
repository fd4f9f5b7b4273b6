import fs from 'node:fs';
import path from 'node:path';

// The attached files of a directory store, backed up beside the database's backup: a copy of
// the files directory as `<backup>.files/`, so that a restore brings back the files the restored
// rows point to. Files in an S3 bucket are not copied: the bucket's own versioning, replication
// or backup keeps them (README, "Backups").

/** The files' copy that goes with a database backup. */
export const filesBackupOf = (file: string) => `${file}.files`;

const PARTIAL = '.partial';

/** Copies the complete files of `filesDir` beside `file`; how many were copied. */
export function backupFiles(filesDir: string, file: string): number {
	const target = filesBackupOf(file);
	const staging = `${target}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	let count = 0;
	try {
		// Written beside and renamed: a failed copy never passes for a backup.
		for (const entry of fs.existsSync(filesDir) ? fs.readdirSync(filesDir) : []) {
			if (entry === PARTIAL) continue;
			const from = path.join(filesDir, entry);
			if (!fs.statSync(from).isFile()) continue;
			fs.copyFileSync(from, path.join(staging, entry));
			count++;
		}
		fs.rmSync(target, { recursive: true, force: true });
		fs.renameSync(staging, target);
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	return count;
}

/**
 * Replaces `filesDir` with the files backed up beside `file`, when there are any (a backup made
 * before files were backed up has none: the directory is then left as it is). How many came back,
 * or null for none to restore.
 */
export function restoreFiles(filesDir: string, file: string): number | null {
	const source = filesBackupOf(file);
	if (!fs.existsSync(source)) return null;
	const staging = `${path.resolve(filesDir)}.restoring-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	try {
		fs.cpSync(source, staging, { recursive: true });
		fs.rmSync(filesDir, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(path.resolve(filesDir)), { recursive: true });
		fs.renameSync(staging, filesDir);
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	return fs.readdirSync(filesDir).length;
}
