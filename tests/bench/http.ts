// npm run bench:http [-- --quick] [-- --embedded] [-- --each] [-- --pages] [-- --only=<label>[|<label>…]] [-- --save-page=<file>]: the app's pages and endpoints under 50
// signed-in clients at once. Starts the production server (node server.js; build it first) on a
// fresh database (BENCH_DATABASE_URL, by default the server on 127.0.0.1:5432 if one answers; a
// PGlite directory with --embedded or when none does) holding the demo data and a board of 200
// cards, gives 50 people of the board's department a session each (straight into the database:
// the sign-in's rate limit and argon2 are not what is measured), weighs the board page, its
// __data.json and /my-work on the wire (compressed and not) and the JavaScript the board page
// loads, then runs with autocannon, for a fixed time each: the board page and /my-work with and
// without compression beside the health check (server CPU per request), reads (pages and JSON
// endpoints), writes (each client moves its own card back and forth, following its version, and
// comments on it) and the server-side rendering of the 200-card board page. The clients run on the same cores as the server and the database: the
// figures are a floor of what the app does on a machine of its own. It reports figures beside
// their targets; it fails only when something breaks, never on a missed target.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDatabase } from '../../db/seed';
import { sessionCookieName } from '../../src/lib/server/auth/cookie';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { openAppDatabase, type AppDatabase } from './lib/app-database';
import {
	machineCpuSeconds,
	postgresCpuMeter,
	processCpuSeconds,
	startAppServer
} from './lib/app-server';
import { buildBigBoard, type BigBoard } from './lib/big-board';
import { runLoad, type LoadRequest, type LoadResult } from './lib/load';
import { ms, printTable, saveRows, seededRandom, stopwatch, type Row } from './lib/stats';
import { compressionCpu, getRaw, kB, pageScripts } from './lib/wire';

const CLIENTS = 50;
const CARDS = 200;
const TARGET = {
	reads: { perSecond: 2_000, p95: 20 },
	writes: { perSecond: 1_000, p95: 30 },
	ssr: { perSecond: 300 },
	/** A 200-card board page as sent to a browser, and the JavaScript it loads, compressed. */
	pageOnWire: 60 * 1024,
	pageScripts: 150 * 1024,
	/**
	 * Server CPU per request (ms), compression included: half of what the 200-card board page and
	 * /my-work cost before the redesign (21–29 and 25 ms, on a quiet machine). On a busy one every
	 * figure grows, the health check's most: hence the ratio printed beside, and the baseline.
	 */
	cpuPerRequest: { board: 12.5, myWork: 12.5 }
};
/** What a browser sends: brotli where it can (over HTTPS), else gzip. */
const COMPRESSED = { 'accept-encoding': 'gzip, deflate, br, zstd' };

interface World {
	board: BigBoard;
	cookies: string[];
	/** Each client's own card, led by its department: it may move it and comment on it. */
	cards: number[];
	/** A card of the board, opened by every reader. */
	cardId: number;
	/** The board's events before the last 20: what a reconnecting page asks for. */
	afterEventId: string;
}

/** 50 members of the board's department, each with a session; and a card each. */
async function prepare(db: Db): Promise<World> {
	await migrateToLatest(db);
	await seedDatabase(db, { demo: true });
	const board = await buildBigBoard(db, CARDS, seededRandom(2028));
	const { ownerOrganizationId } = await db
		.selectFrom('board')
		.select('ownerOrganizationId')
		.where('id', '=', board.id)
		.executeTakeFirstOrThrow();
	const people = await db
		.insertInto('user')
		.values(
			Array.from({ length: CLIENTS }, (_, i) => ({
				email: `bench.client${i + 1}@torun.example`,
				name: `Klient Obciążeniowy ${i + 1}`,
				passwordHash: 'x',
				role: 'member' as const
			}))
		)
		.returning('id')
		.execute();
	await db
		.insertInto('membership')
		.values(
			people.map((p) => ({ userId: p.id, organizationId: ownerOrganizationId, role: 'member' }))
		)
		.execute();
	const cookies: string[] = [];
	for (const person of people) {
		const token = generateSessionToken();
		await createSession(db, token, person.id);
		cookies.push(`${sessionCookieName(false)}=${token}`);
	}
	const led = await db
		.selectFrom('cardOrganization')
		.innerJoin('card', 'card.id', 'cardOrganization.cardId')
		.select('card.id')
		.where('card.boardId', '=', board.id)
		.where('cardOrganization.organizationId', '=', ownerOrganizationId)
		.where('cardOrganization.role', '=', 'lead')
		.orderBy('card.id')
		.limit(CLIENTS + 1)
		.execute();
	if (led.length <= CLIENTS) throw new Error(`the board has only ${led.length} cards to move`);
	const events = await db
		.selectFrom('event')
		.select('id')
		.where('boardId', '=', board.id)
		.orderBy('id', 'desc')
		.limit(21)
		.execute();
	return {
		board,
		cookies,
		cards: led.slice(1).map((c) => c.id),
		cardId: led[0]!.id,
		afterEventId: String(events.at(-1)!.id)
	};
}

/** Pages as a browser asks for them, and the JSON a page asks for once it runs. */
function reads(world: World): LoadRequest[] {
	const board = world.board.id;
	return [
		{ label: 'GET /boards', path: '/boards' },
		{ label: 'GET /my-work', path: '/my-work' },
		{ label: 'GET board __data.json', path: `/boards/${board}/__data.json` },
		// Opening a card on the board: only the card's data is loaded (the last of the route's four
		// nodes), the layouts' is kept.
		{
			label: 'GET card __data.json',
			path: `/boards/${board}/cards/${world.cardId}/__data.json?x-sveltekit-invalidated=0001`
		},
		{
			label: 'GET /api/boards/…/events',
			path: `/api/boards/${board}/events?after=${world.afterEventId}`
		},
		{ label: 'GET /public', path: '/public' },
		{ label: 'GET /dashboard', path: '/dashboard' }
	];
}

/** A form action's JSON answer: success, or not (a failure or a redirect is not a success). */
const succeeded = (_status: number, body: string) => body.startsWith('{"type":"success"');

/** Client i's own card, moved between two columns (to the top) and commented on, in turn. */
function writes(world: World, client: number): LoadRequest[] {
	const board = world.board.id;
	const cardId = world.cards[client]!;
	const [todo, doing] = world.board.columns.map((c) => c.id);
	// Only this client moves this card, so its version goes up by one with each move made.
	const card = { version: 1, there: false };
	const action = { accept: 'application/json', 'x-sveltekit-action': 'true' };
	return [
		{
			label: 'POST move',
			method: 'POST',
			path: `/boards/${board}?/move`,
			headers: action,
			body: () =>
				new URLSearchParams({
					cardId: String(cardId),
					columnId: String(card.there ? todo : doing),
					afterId: '',
					version: String(card.version),
					// "W realizacji" has a WIP limit of 8: fifty cards go over it, confirmed.
					confirmWip: 'true'
				}).toString(),
			check: (status, body) => {
				if (!succeeded(status, body)) return false;
				card.version++;
				card.there = !card.there;
				return true;
			}
		},
		{
			label: 'POST comment',
			method: 'POST',
			path: `/boards/${board}/cards/${cardId}/comments?/add`,
			headers: action,
			body: () => `body=${encodeURIComponent('Zrobione, przesuwam dalej.')}`,
			check: succeeded
		}
	];
}

function ssr(world: World): LoadRequest[] {
	return [{ label: `GET board page (${CARDS} cards)`, path: `/boards/${world.board.id}` }];
}

function rows(
	name: string,
	r: LoadResult,
	target: { perSecond: number; p95?: number },
	serverCpu: number
): Row[] {
	const meets =
		r.perSecond >= target.perSecond && (target.p95 === undefined || r.p95 <= target.p95);
	const wrong = r.errors + r.non2xx + r.refused;
	return [
		{
			measure: `${name}: req/s (${r.requests} in ${r.seconds.toFixed(0)} s)`,
			figure: r.perSecond.toFixed(0),
			target: `≥ ${target.perSecond}${target.p95 ? ` at p95 ≤ ${target.p95} ms` : ''}`,
			meets
		},
		{ measure: `${name}: p50 / p95 / p99`, figure: [r.p50, r.p95, r.p99].map(ms).join(' / ') },
		{
			measure: `${name}: errors / non-2xx / refused`,
			figure: `${r.errors} / ${r.non2xx} / ${r.refused}`,
			target: '0',
			meets: wrong === 0
		},
		// What each answer costs the server in CPU: steadier than the rates on a shared machine.
		{
			measure: `${name}: server CPU per request`,
			figure: ms((1000 * serverCpu) / Math.max(1, r.requests))
		},
		...[...r.byLabel].map(([label, f]) => ({
			measure: `  ${label}`,
			figure: `${f.perSecond.toFixed(0)}/s, p95 ${ms(f.p95)}`
		}))
	];
}

/**
 * Each read alone under the same 50 clients: where a mix's time goes. Beside them, the floors:
 * the app's cheapest answer (its health check: the hooks and one query) without and with a
 * session, and, for a server database, Node's own HTTP server answering one query with `pg` and
 * nothing else (no framework, no session), i.e. what this machine gives any Node.js app.
 */
async function eachAlone(
	origin: string,
	world: World,
	serverCpuSeconds: () => number,
	seconds: number,
	databaseUrl: string | undefined,
	only = ''
) {
	const anonymous = world.cookies.map(() => '');
	const kinds: (LoadRequest & { anonymous?: boolean })[] = [
		{ label: 'GET /api/health, no session', path: '/api/health', anonymous: true },
		{ label: 'GET /api/health, signed in', path: '/api/health' },
		...reads(world),
		...ssr(world)
	].filter((kind) => only.split('|').some((part) => kind.label.includes(part)));
	const table: Row[] = [];
	const row = (label: string, bytes: number, r: LoadResult, cpuSeconds: number) =>
		table.push({
			measure: label,
			figure:
				`${r.perSecond.toFixed(0)}/s, p95 ${ms(r.p95)}; ` +
				`CPU ${ms((1000 * cpuSeconds) / Math.max(1, r.requests))}/request; ` +
				`${(bytes / 1024).toFixed(1)} kB`
		});
	if (databaseUrl && only.split('|').some((part) => 'bare Node.js'.includes(part))) {
		const bare = await startBareServer(databaseUrl);
		try {
			const before = bare.cpuSeconds();
			const r = await runLoad({
				origin: bare.origin,
				cookies: anonymous,
				seconds,
				plan: () => [{ label: 'bare', path: '/' }]
			});
			row('bare Node.js: node:http + pg, one query', 15, r, bare.cpuSeconds() - before);
		} finally {
			bare.stop();
		}
	}
	for (const kind of kinds) {
		const cookies = kind.anonymous ? anonymous : world.cookies;
		const headers = { cookie: cookies[0]! };
		const bytes = (await (await fetch(origin + kind.path, { headers })).arrayBuffer()).byteLength;
		const before = serverCpuSeconds();
		const r = await runLoad({ origin, cookies, seconds, plan: () => [kind] });
		await settle(origin);
		row(kind.label, bytes, r, serverCpuSeconds() - before);
	}
	console.log('\neach alone, with 50 clients:');
	printTable(table);
}

/**
 * The 200-card board page and /my-work as sent to a browser: their bytes on the wire with and
 * without compression, the board page's JavaScript, and the server's CPU per request for each
 * with and without compression, beside the signed-in health check's in the same run: on a shared
 * machine the ratio holds steadier than the milliseconds.
 */
async function weighAndCost(
	origin: string,
	appDir: string,
	world: World,
	serverCpuSeconds: () => number,
	seconds: number
): Promise<Row[]> {
	const cookie = world.cookies[0]!;
	const board = `/boards/${world.board.id}`;
	const table: Row[] = [];
	const weigh = async (label: string, path: string, target?: number) => {
		const plain = await getRaw(origin + path, { cookie });
		const gzip = await getRaw(origin + path, { cookie, 'accept-encoding': 'gzip' });
		const best = await getRaw(origin + path, { cookie, ...COMPRESSED });
		if (best.body.length !== plain.body.length)
			throw new Error(`${path}: the compressed answer decodes to another length`);
		table.push({
			measure: `${label} on the wire: br / gzip / not compressed`,
			figure:
				`${kB(best.bytes)} (${best.headers['content-encoding'] ?? 'identity'}) / ` +
				`${kB(gzip.bytes)} / ${kB(plain.bytes)}`,
			...(target ? { target: `≤ ${kB(target)}`, meets: best.bytes <= target } : {})
		});
		return plain;
	};
	const page = await weigh(`board page (${CARDS} cards)`, board, TARGET.pageOnWire);
	const cost = compressionCpu(page.body);
	table.push({
		measure: '  compressing it, CPU (in this process): br / gzip, as the server does',
		figure: `${ms(cost.brotli)} / ${ms(cost.gzip)}`
	});
	await weigh('  its __data.json', `${board}/__data.json`);
	await weigh('/my-work', '/my-work');
	const scripts = pageScripts(appDir, origin + board, page);
	table.push({
		measure: `board page's JavaScript (${scripts.files.length} files): gzip`,
		figure: `${kB(scripts.gzip)} (brotli ${kB(scripts.brotli)}, as built ${kB(scripts.raw)})`,
		target: `≤ ${kB(TARGET.pageScripts)}`,
		meets: scripts.gzip <= TARGET.pageScripts
	});

	const kinds: { label: string; path: string; headers?: Record<string, string> }[] = [
		{ label: 'GET /api/health, signed in (the baseline)', path: '/api/health' },
		{ label: 'board page, not compressed', path: board },
		{ label: 'board page, compressed', path: board, headers: COMPRESSED },
		{ label: '/my-work, not compressed', path: '/my-work' },
		{ label: '/my-work, compressed', path: '/my-work', headers: COMPRESSED }
	];
	let baseline = 0;
	let uncompressed = 0;
	for (const kind of kinds) {
		const before = serverCpuSeconds();
		const r = await runLoad({ origin, cookies: world.cookies, seconds, plan: () => [kind] });
		// Until the requests still in flight when the time was up are answered: they count too.
		await settle(origin);
		const perRequest = (1000 * (serverCpuSeconds() - before)) / Math.max(1, r.sent);
		baseline ||= perRequest;
		const times = perRequest / baseline;
		const compression = kind.headers ? ` (compression ${ms(perRequest - uncompressed)})` : '';
		uncompressed = perRequest;
		const target = kind.path === board ? TARGET.cpuPerRequest.board : TARGET.cpuPerRequest.myWork;
		table.push({
			measure: `server CPU per request: ${kind.label}`,
			figure:
				`${ms(perRequest)}` +
				(kind.path !== '/api/health' ? ` = ${times.toFixed(1)}× baseline${compression}` : '') +
				`; ${r.perSecond.toFixed(0)}/s, p95 ${ms(r.p95)}` +
				(r.errors + r.non2xx ? `; ${r.errors + r.non2xx} failed` : ''),
			...(kind.headers ? { target: `≤ ${ms(target)}`, meets: perRequest <= target } : {})
		});
	}
	return table;
}

/** Node's HTTP server answering every request with one `select 1` through a pool of `pg`. */
async function startBareServer(databaseUrl: string) {
	const script = `
		const http = require('node:http');
		const pg = require('pg');
		const pool = new pg.Pool({ connectionString: process.env.URL, max: 10 });
		const server = http.createServer(async (req, res) => {
			await pool.query('select 1');
			res.setHeader('content-type', 'application/json');
			res.end('{"status":"ok"}');
		});
		server.listen(0, '127.0.0.1', () => process.send(server.address().port));`;
	const child = spawn(process.execPath, ['-e', script], {
		env: { ...process.env, URL: databaseUrl },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	const port = await new Promise<number>((done, fail) => {
		child.once('message', (m) => done(Number(m)));
		child.once('exit', (code) => fail(new Error(`the bare server exited (${code})`)));
	});
	return {
		origin: `http://127.0.0.1:${port}`,
		cpuSeconds: () => processCpuSeconds(child.pid!),
		stop: () => child.kill('SIGKILL')
	};
}

/** Until the server answers its health check: the requests before it have been handled. */
async function settle(origin: string) {
	const response = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(60_000) });
	await response.body?.cancel();
}

async function main() {
	const args = process.argv.slice(2);
	const seconds = args.includes('--quick') ? 5 : 20;
	const appDir = path.resolve(process.env.BENCH_APP_DIR || process.cwd());
	const database: AppDatabase = await openAppDatabase(args.includes('--embedded'));
	const cleanups: (() => Promise<void>)[] = [database.destroy];
	const cleanUp = async () => {
		for (const fn of [...cleanups].reverse()) await fn().catch(() => {});
	};
	const interrupted = () => void cleanUp().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	try {
		const cores = os.availableParallelism();
		const [load1] = os.loadavg();
		console.log(`database: ${database.description}`);
		console.log(`node ${process.version}, ${cores} cores, load average ${load1!.toFixed(1)}`);
		if (load1! > cores / 2) console.log('note: the machine is busy; expect noisy figures');
		const lap = stopwatch();
		const world = await prepare(database.handle.db);
		await database.close();
		console.log(`seeded, built a ${CARDS}-card board and ${CLIENTS} sessions in ${lap()}`);
		const server = await startAppServer({ appDir, env: database.env });
		cleanups.push(server.stop);
		const origin = server.origin;
		// A short warm-up of every path: the first requests compile code and fill caches.
		await runLoad({
			origin,
			cookies: world.cookies.slice(0, 4),
			seconds: 2,
			plan: () => reads(world)
		});

		const results: [string, LoadResult, { perSecond: number; p95?: number }, number][] = [];
		const measured = async (
			name: string,
			plan: (client: number) => LoadRequest[],
			target: { perSecond: number; p95?: number }
		) => {
			const cpu = { server: server.cpuSeconds(), machine: machineCpuSeconds() };
			const pg = postgresCpuMeter();
			const result = await runLoad({ origin, cookies: world.cookies, seconds, plan });
			const serverCpu = server.cpuSeconds() - cpu.server;
			const share = (s: number) => `${((100 * s) / (result.seconds * cores)).toFixed(0)}%`;
			console.log(
				`${name}: ${result.perSecond.toFixed(0)} req/s, p95 ${ms(result.p95)}; CPU of both ` +
					`cores: server ${share(serverCpu)}, PostgreSQL ${share(pg())}, ` +
					`all ${share(machineCpuSeconds() - cpu.machine)} (the rest: this client, others' work)`
			);
			for (const sample of result.samples) console.log(`  ${sample}`);
			// The requests the clients gave up on at the end are still being answered: let them be.
			await settle(origin);
			results.push([name, result, target, serverCpu]);
		};
		const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
		const save = args.find((a) => a.startsWith('--save-page='))?.slice('--save-page='.length);
		if (save) {
			// The 200-card board page's HTML as served, to read what its markup spends bytes on.
			const page = await getRaw(`${origin}/boards/${world.board.id}`, {
				cookie: world.cookies[0]!
			});
			writeFileSync(save, page.body);
			console.log(`wrote the board page (${kB(page.bytes)}) to ${save}`);
			return;
		}
		if (only !== undefined) {
			// One kind of request alone, e.g. to profile it (BENCH_SERVER_NODE_ARGS=--cpu-prof).
			await eachAlone(origin, world, server.cpuSeconds, seconds, database.env.DATABASE_URL, only);
			return;
		}
		const weighed = await weighAndCost(origin, appDir, world, server.cpuSeconds, seconds);
		console.log(`\nthe board page and /my-work, ${CLIENTS} clients, ${seconds} s each:`);
		printTable(weighed);
		saveRows('http: wire and CPU', weighed);
		if (args.includes('--pages')) return;
		// Each read alone first: after the writes, the events catch-up would be past its window.
		if (args.includes('--each'))
			await eachAlone(origin, world, server.cpuSeconds, seconds, database.env.DATABASE_URL);
		await measured('reads', () => reads(world), TARGET.reads);
		await measured('writes', (client) => writes(world, client), TARGET.writes);
		await measured(`SSR board (${CARDS} cards)`, () => ssr(world), TARGET.ssr);

		const table = results.flatMap(([name, result, target, cpu]) => rows(name, result, target, cpu));
		console.log();
		printTable(table);
		saveRows('http (50 clients)', table);
		console.log(
			`\n${CLIENTS} connections, one signed-in person each; ${seconds} s per mix. The load ` +
				`generator shares the ${cores} cores with the server and PostgreSQL.`
		);
		console.log(`load average at the end: ${os.loadavg()[0]!.toFixed(1)}`);
		if (database.env.DATA_DIR)
			console.log('The targets are set for a real PostgreSQL; on PGlite they are a reference.');
	} finally {
		await cleanUp();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
