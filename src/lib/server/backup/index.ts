import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Env } from '../env';
import { backupEmbedded, restoreEmbedded } from './embedded';
import { backupFiles, filesBackupOf, restoreFiles } from './files';
import { backupPostgres, restorePostgres } from './postgres';

// What `npm run db:backup` and `npm run db:restore` do, for the database the app would use:
// the server of DATABASE_URL, or the embedded one in DATA_DIR; and for the attached files of a
// directory store (FILES_DIR, or DATA_DIR/files), a copy beside the backup (./files.ts). Files
// in an S3 bucket are the bucket's to back up.

export const BACKUP_DIR = 'backups';

export const backupArgs = z.object({
	file: z.string().trim().min(1, '--file needs a path').optional(),
	yes: z.boolean().default(false)
});

type Target = Pick<Env, 'DATABASE_URL' | 'DATA_DIR'> &
	Partial<Pick<Env, 'FILES_DIR' | 'S3_ENDPOINT' | 'S3_BUCKET'>>;

/** Where the attached files are, for the backup: a directory, or a bucket it leaves alone. */
export function filesOf(target: Target): { dir: string } | { bucket: string } {
	if (target.S3_ENDPOINT && target.S3_BUCKET) return { bucket: target.S3_BUCKET };
	return { dir: path.resolve(target.FILES_DIR ?? path.join(target.DATA_DIR, 'files')) };
}

/** What a backup or restore did with the files, for its message. */
export function describeFiles(target: Target, file: string, count: number | null): string {
	const files = filesOf(target);
	if ('bucket' in files)
		return `The attached files are in the S3 bucket ${files.bucket}: back them up there (versioning, replication); this backup does not hold them.`;
	if (count === null)
		return `No files beside the backup (${filesBackupOf(file)}): ${files.dir} left as it was.`;
	return `${count} attached files (${files.dir}) with it, in ${filesBackupOf(file)}.`;
}

/** .dump for pg_dump's custom format, .tar.gz for the embedded database's files. */
export function extensionFor(target: Target): string {
	return target.DATABASE_URL ? 'dump' : 'tar.gz';
}

/** backups/2026-12-01T06-50-27Z.dump: sorts by time, and is a valid file name everywhere. */
export function defaultBackupFile(target: Target, now = new Date()): string {
	const stamp = now
		.toISOString()
		.replace(/\.\d+Z$/, 'Z')
		.replaceAll(':', '-');
	return path.join(BACKUP_DIR, `${stamp}.${extensionFor(target)}`);
}

/** The newest backup of this kind in backups/, for a restore without --file. */
export function latestBackupFile(target: Target): string | undefined {
	const ext = `.${extensionFor(target)}`;
	if (!fs.existsSync(BACKUP_DIR)) return undefined;
	const files = fs
		.readdirSync(BACKUP_DIR)
		.filter((f) => f.endsWith(ext))
		.sort();
	return files.length ? path.join(BACKUP_DIR, files.at(-1)!) : undefined;
}

/** A description of the database for messages, without the password a URL may carry. */
export function describeTarget(target: Target): string {
	if (!target.DATABASE_URL) return `the embedded database in ${path.resolve(target.DATA_DIR)}`;
	const url = new URL(target.DATABASE_URL);
	url.password = '';
	return `the PostgreSQL database ${url.toString()}`;
}

/** Backs up the database into `file` and a directory store's files beside it; how many files. */
export async function backup(target: Target, file: string): Promise<number | null> {
	if (target.DATABASE_URL) await backupPostgres(target.DATABASE_URL, file);
	else await backupEmbedded(target.DATA_DIR, file);
	const files = filesOf(target);
	return 'dir' in files ? backupFiles(files.dir, file) : null;
}

/** Restores the database from `file`, then the files backed up beside it; how many files. */
export async function restore(target: Target, file: string): Promise<number | null> {
	if (target.DATABASE_URL) await restorePostgres(target.DATABASE_URL, file);
	else await restoreEmbedded(target.DATA_DIR, file);
	// After the database: the embedded restore replaces DATA_DIR, files/ under it included.
	const files = filesOf(target);
	return 'dir' in files ? restoreFiles(files.dir, file) : null;
}
