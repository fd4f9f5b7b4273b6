import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Env } from '../env';
import { backupEmbedded, restoreEmbedded } from './embedded';
import { backupPostgres, restorePostgres } from './postgres';

// What `npm run db:backup` and `npm run db:restore` do, for the database the app would use:
// the server of DATABASE_URL, or the embedded one in DATA_DIR.

export const BACKUP_DIR = 'backups';

export const backupArgs = z.object({
	file: z.string().trim().min(1, '--file needs a path').optional(),
	yes: z.boolean().default(false)
});

type Target = Pick<Env, 'DATABASE_URL' | 'DATA_DIR'>;

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

export async function backup(target: Target, file: string): Promise<void> {
	if (target.DATABASE_URL) await backupPostgres(target.DATABASE_URL, file);
	else await backupEmbedded(target.DATA_DIR, file);
}

export async function restore(target: Target, file: string): Promise<void> {
	if (target.DATABASE_URL) await restorePostgres(target.DATABASE_URL, file);
	else await restoreEmbedded(target.DATA_DIR, file);
}
