import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// A throw-away PostgreSQL server of the test's own, which the test may stop and start at will
// (the machine's shared server must never be restarted under other people). It lives in a temp
// directory, listens on 127.0.0.1 and a socket in that directory, and trusts every local
// connection. PostgreSQL refuses to run as root: when the tests run as root (as CI does), its
// commands run as the `postgres` OS user, who owns the directory.

const run = promisify(execFile);
const BIN = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
	port: number;
	/** The `postgres` database of the server; make others with `createDatabase`. */
	url: string;
	/** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash. */
	stop(mode?: 'fast' | 'immediate'): Promise<void>;
	start(): Promise<void>;
	/** Stops the server (whatever its state) and deletes its directory. */
	destroy(): Promise<void>;
}

async function as(user: string | null, command: string, args: string[]) {
	const file = path.join(BIN, command);
	const [cmd, argv] = user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
	try {
		return await run(cmd, argv, { timeout: 60_000 });
	} catch (error) {
		const { stderr, stdout } = error as { stderr?: string; stdout?: string };
		throw new Error(`${command} ${args.join(' ')} failed:\n${stderr || stdout || error}`);
	}
}

export async function startCluster(port: number): Promise<PgCluster> {
	for (const tool of ['initdb', 'pg_ctl', 'postgres'])
		if (!existsSync(path.join(BIN, tool)))
			throw new Error(
				`PostgreSQL's ${tool} is not in ${BIN}: the fault tests need the server's binaries ` +
					`(Debian: apt-get install postgresql-15), or PG_BIN_DIR naming where they are.`
			);
	const user = process.getuid?.() === 0 ? 'postgres' : null;
	const dir = await mkdtemp(path.join(os.tmpdir(), 'fault-pg-'));
	if (user) {
		const { stdout } = await run('id', ['-u', user]);
		const { stdout: group } = await run('id', ['-g', user]);
		await chown(dir, Number(stdout), Number(group));
	}
	const data = path.join(dir, 'data');
	const options = [
		`-p ${port}`,
		`-k ${dir}`,
		'-c listen_addresses=127.0.0.1',
		'-c max_connections=60',
		// Less memory and disk traffic on a small shared machine; durability is not weakened for
		// what is tested here (a server stopped or killed, not a machine losing power).
		'-c shared_buffers=16MB',
		'-c full_page_writes=off'
	].join(' ');
	await as(user, 'initdb', [
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		'postgres',
		'--no-sync',
		'-E',
		'UTF8'
	]);
	const ctl = (...args: string[]) => as(user, 'pg_ctl', ['-D', data, ...args]);
	let running = false;

	const cluster: PgCluster = {
		port,
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		async start() {
			await ctl('-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start');
			running = true;
		},
		async stop(mode = 'fast') {
			await ctl('-m', mode, '-w', 'stop');
			running = false;
		},
		async destroy() {
			if (running) await cluster.stop('immediate').catch(() => {});
			await rm(dir, { recursive: true, force: true });
		}
	};
	try {
		await cluster.start();
	} catch (error) {
		await cluster.destroy();
		throw error;
	}
	return cluster;
}
