import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// Backups of a PostgreSQL server with its own tools: pg_dump in the custom format (compressed,
// every object with its data, the append-only trigger on `event` included, created after the rows
// are loaded) and pg_restore. Both must be of the server's major version: an older pg_dump refuses
// a newer server, and a newer pg_restore may write settings an older server does not know.

const run = promisify(execFile);

export class BackupToolError extends Error {}

/** The server's major version, e.g. 15. */
export async function serverMajor(url: string): Promise<number> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ v: string }>(
			"select current_setting('server_version_num') as v"
		);
		return Math.floor(Number(rows[0]!.v) / 10000);
	} finally {
		await client.end();
	}
}

async function majorOf(binary: string): Promise<number | null> {
	try {
		const { stdout } = await run(binary, ['--version']);
		const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
		return match ? Number(match[1]) : null;
	} catch {
		return null;
	}
}

/**
 * Where `tool` (pg_dump or pg_restore) of major version `major` is: PG_BIN_DIR, then Debian's and
 * other usual directories for that version, then PATH. A missing or mismatched tool is an error
 * that says what to install.
 */
export async function findPgTool(tool: 'pg_dump' | 'pg_restore', major: number): Promise<string> {
	const dirs = [
		process.env.PG_BIN_DIR,
		`/usr/lib/postgresql/${major}/bin`,
		`/usr/pgsql-${major}/bin`,
		`/opt/homebrew/opt/postgresql@${major}/bin`,
		`/usr/local/opt/postgresql@${major}/bin`,
		...(process.env.PATH ?? '').split(path.delimiter)
	].filter((d): d is string => Boolean(d));
	const seen: string[] = [];
	for (const dir of dirs) {
		const candidate = path.join(dir, tool);
		if (!fs.existsSync(candidate)) continue;
		const found = await majorOf(candidate);
		if (found === major) return candidate;
		seen.push(`${candidate} (${found ?? 'unknown version'})`);
	}
	throw new BackupToolError(
		`${tool} for PostgreSQL ${major} was not found` +
			(seen.length ? `; found only ${seen.join(', ')}` : '') +
			`. Install the PostgreSQL ${major} client tools (Debian: apt-get install postgresql-client-${major})` +
			` or set PG_BIN_DIR to the directory holding ${tool} ${major}.`
	);
}

async function runTool(binary: string, args: string[]) {
	try {
		await run(binary, args, { maxBuffer: 16 * 1024 * 1024 });
	} catch (error) {
		const stderr = (error as { stderr?: string }).stderr?.trim();
		throw new BackupToolError(`${path.basename(binary)} failed: ${stderr || String(error)}`);
	}
}

/** pg_dump -Fc of the database `url` names into `file`. */
export async function backupPostgres(url: string, file: string): Promise<void> {
	const pgDump = await findPgTool('pg_dump', await serverMajor(url));
	fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
	await runTool(pgDump, ['--format=custom', `--file=${file}`, `--dbname=${url}`]);
}

/**
 * pg_restore of `file` into the database `url` names, replacing what is there (--clean
 * --if-exists), in one transaction: a failure leaves the database as it was.
 */
export async function restorePostgres(url: string, file: string): Promise<void> {
	if (!fs.existsSync(file)) throw new BackupToolError(`No backup file at ${file}.`);
	const pgRestore = await findPgTool('pg_restore', await serverMajor(url));
	await runTool(pgRestore, [
		'--clean',
		'--if-exists',
		'--no-owner',
		'--single-transaction',
		'--exit-on-error',
		`--dbname=${url}`,
		file
	]);
}
