import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The app's production server (server.js and its build) as a child process on 127.0.0.1, for the
// benchmarks that measure it from outside: started on a free port, ready once /api/health answers
// 200, stopped with SIGTERM (SIGKILL if it lingers). A probe loaded into it (server-probe.js)
// answers questions over the IPC channel (memory, request times, event loop delay); CPU time
// comes from /proc (Linux). Node options
// for the server alone go in BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").

const PROBE = fileURLToPath(new URL('./server-probe.js', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 12_000;
/** Clock ticks per second of /proc's CPU times: USER_HZ, 100 on every Linux build that matters. */
const TICKS = 100;
/** Environment the benchmark sets itself: an inherited one must not point the server elsewhere. */
const OWN_ENV = ['DATABASE_URL', 'DATA_DIR', 'REALTIME_ADAPTER', 'REDIS_URL', 'SEED_DEMO'];

export interface ServerTiming {
	/** Each POST request, from its headers' arrival to the end of its answer. */
	handled: number[];
	loopP99: number;
	loopMax: number;
}

export interface AppServer {
	/** Where to reach it (always plain http on 127.0.0.1). */
	origin: string;
	/** Its ORIGIN: the same, or https:// for a server that believes it is behind TLS. */
	publicOrigin: string;
	pid: number;
	/** process.memoryUsage() of the server right after a full garbage collection. */
	memory(): Promise<NodeJS.MemoryUsage>;
	/** Starts timing, inside the server, the POST requests it handles and its event loop's delay. */
	startTiming(): Promise<void>;
	/** What was timed since startTiming (milliseconds), and stops timing. */
	timing(): Promise<ServerTiming>;
	/** CPU seconds (user and system) the server has used so far. */
	cpuSeconds(): number;
	/** Stops the server (gracefully, then not). Idempotent. */
	stop(): Promise<void>;
	/** Kills the server at once (SIGKILL), as a crash would, and waits for it to be gone. */
	kill(): Promise<void>;
	/** Whether the process is still running. */
	alive(): boolean;
	/** Its exit code once it has exited (null before, or when a signal ended it). */
	exitCode(): number | null;
	/** The last lines of its output (standard and error). */
	output(): string[];
}

async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', done);
	});
	const { port } = server.address() as net.AddressInfo;
	await new Promise((done) => server.close(done));
	return port;
}

/** CPU seconds of a process, from /proc/<pid>/stat (utime and stime); 0 when it is gone. */
export function processCpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name may hold spaces: the fields counted from 3 start after its ')'.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) / TICKS;
	} catch {
		return 0;
	}
}

/** CPU seconds of each process named `postgres` on this machine (a local server's), by pid. */
function postgresProcesses(): Map<number, number> {
	const seconds = new Map<number, number>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
		} catch {
			continue;
		}
		seconds.set(Number(entry), processCpuSeconds(Number(entry)));
	}
	return seconds;
}

/**
 * Starts counting the CPU seconds of the local PostgreSQL server's processes; the function
 * returned tells how many they have used since. A process that ended meanwhile is missed (its
 * time is gone with it); one that started meanwhile counts whole.
 */
export function postgresCpuMeter(): () => number {
	const before = postgresProcesses();
	return () => {
		let total = 0;
		for (const [pid, seconds] of postgresProcesses()) total += seconds - (before.get(pid) ?? 0);
		return total;
	};
}

/** CPU seconds the whole machine has been busy (all cores), from /proc/stat. */
export function machineCpuSeconds(): number {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
		// cpu user nice system idle iowait irq softirq steal …: all but idle and iowait is busy.
		const [user, nice, system, , , irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
		return [user, nice, system, irq, softirq, steal].reduce((s, v) => s! + (v ?? 0), 0)! / TICKS;
	} catch {
		return 0;
	}
}

export async function startAppServer(options: {
	appDir: string;
	env: Record<string, string>;
	/** ORIGIN https://…, as behind a TLS proxy: Secure, __Host- cookies (the wire stays http). */
	https?: boolean;
	/** The port to listen on (a restart reuses its predecessor's); a free one by default. */
	port?: number;
	/** Whether the server's error output is passed on once it runs (kept in the tail anyway). */
	echoErrors?: boolean;
}): Promise<AppServer> {
	const appDir = path.resolve(options.appDir);
	if (!existsSync(path.join(appDir, 'build', 'handler.js')))
		throw new Error(`${appDir} has no build/handler.js: build it first (vite build)`);
	const port = options.port ?? (await freePort());
	const origin = `http://127.0.0.1:${port}`;
	const publicOrigin = options.https ? `https://127.0.0.1:${port}` : origin;
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of OWN_ENV) delete env[name];
	Object.assign(env, {
		NODE_ENV: 'production',
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: publicOrigin,
		...options.env
	});
	const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const child = spawn(
		process.execPath,
		[...nodeArgs, '--expose-gc', '--import', pathToFileURL(PROBE).href, 'server.js'],
		{ cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] }
	);
	// The last lines of its output, shown if it fails to start; errors are passed on at once.
	const tail: string[] = [];
	let ready = false;
	const keep = (line: string) => {
		tail.push(line);
		if (tail.length > 40) tail.shift();
	};
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').forEach(keep));
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
		for (const line of chunk.split('\n').filter(Boolean)) {
			keep(line);
			if (ready && (options.echoErrors !== false || process.env.FAULT_DEBUG))
				console.error(`server: ${line}`);
		}
	});
	let exited = false;
	const exit = new Promise<void>((done) =>
		child.once('exit', () => {
			exited = true;
			done();
		})
	);

	let nextId = 0;
	const waiting = new Map<number, (reply: Record<string, unknown>) => void>();
	child.on('message', (message: { id?: number }) => waiting.get(message.id!)?.(message));
	/** Asks the probe; its answer, or an error after 10 s. */
	const ask = <T>(type: string) =>
		new Promise<T>((done, fail) => {
			const id = nextId++;
			const timer = setTimeout(() => {
				waiting.delete(id);
				fail(new Error(`the server did not answer the probe's "${type}"`));
			}, 10_000);
			waiting.set(id, (reply) => {
				clearTimeout(timer);
				waiting.delete(id);
				done(reply as T);
			});
			child.send({ type, id });
		});

	const stop = (() => {
		let stopping: Promise<void> | undefined;
		return () =>
			(stopping ??= (async () => {
				if (exited) return;
				if (child.connected) child.disconnect();
				child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
				await exit;
				clearTimeout(timer);
			})());
	})();

	const failed = (why: string) =>
		new Error(`The app's server ${why}. Its last output:\n${tail.join('\n')}`);
	try {
		const deadline = Date.now() + READY_TIMEOUT_MS;
		while (!ready) {
			if (exited) throw failed(`exited with code ${child.exitCode}`);
			if (Date.now() > deadline) throw failed(`did not answer /api/health in 60 s`);
			const response = await fetch(`${origin}/api/health`).catch(() => null);
			await response?.body?.cancel();
			if (response?.status === 200) ready = true;
			else await sleep(100);
		}
	} catch (error) {
		await stop();
		throw error;
	}

	return {
		origin,
		publicOrigin,
		pid: child.pid!,
		memory: async () => (await ask<{ usage: NodeJS.MemoryUsage }>('memory')).usage,
		startTiming: async () => void (await ask('timing-start')),
		timing: () => ask<ServerTiming>('timing'),
		cpuSeconds: () => processCpuSeconds(child.pid!),
		stop,
		async kill() {
			if (exited) return;
			child.kill('SIGKILL');
			await exit;
		},
		alive: () => !exited,
		exitCode: () => child.exitCode,
		output: () => [...tail]
	};
}
