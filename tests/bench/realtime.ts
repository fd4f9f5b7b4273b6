// npm run bench:realtime [-- --quick] [-- --embedded]: live board events under load.
// Starts the app's production server (node server.js in BENCH_APP_DIR, by default this directory,
// which must be built) on a fresh database (BENCH_DATABASE_URL, by default the server on
// 127.0.0.1:5432 if one answers; a PGlite directory with --embedded or when none does) holding a
// board of 1,000 cards. Then, for each scenario, on a server of its own: N socket.io clients join
// the board, and cards are moved over HTTP (the board's `move` form action, as the board page
// posts it) on a fixed schedule for 30 s (5 s with --quick). For every move and every client it
// times the event's arrival from the moment the request was sent, matching the two by card and
// version, and counts the events lost and duplicated. Before the moves it weighs the server's
// memory with the N sockets connected, joined and idle against the same server without them,
// after a full GC, inside the server process (lib/server-probe.js, which also times the requests
// the server handles and its event loop). It reports figures beside their targets; it fails only
// when something breaks, never on a missed target. The clients run here, on the same cores as the
// server and the database: the CPU each used, and what other work took, are printed with the
// figures. BENCH_SERVER_NODE_ARGS passes options to the server's node (e.g. --cpu-prof).
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServer, ServerToClient } from '../../src/lib/realtime/events';
import { sessionCookieName } from '../../src/lib/server/auth/cookie';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { openAppDatabase, type AppDatabase } from './lib/app-database';
import {
	machineCpuSeconds,
	postgresCpuMeter,
	startAppServer,
	type AppServer
} from './lib/app-server';
import { buildBigBoard } from './lib/big-board';
import {
	bytes,
	ms,
	percentile,
	printTable,
	saveRows,
	seededRandom,
	stopwatch,
	type Row
} from './lib/stats';

interface Scenario {
	clients: number;
	/** Moves per second. */
	rate: number;
	target: { p95: number; p99?: number };
}

const SCENARIOS: Scenario[] = [
	{ clients: 200, rate: 50, target: { p95: 25, p99: 50 } },
	{ clients: 1_000, rate: 20, target: { p95: 50 } }
];
const TARGET_SOCKET_BYTES = 25_000;
const CARDS = 1_000;
const WARM_UP = { clients: 20, moves: 40, rate: 50 };
/** Sockets opening (handshake and join) at once. */
const CONNECTING = 25;
/** Sockets per watching person: under the server's cap of 20 (handshake.ts). */
const SOCKETS_PER_VIEWER = 10;
/** How long after the last answer a missing event still counts as on its way. */
const DRAIN_MS = 5_000;
/** Memory is sampled this often, after a GC each time; the median counts. */
const MEMORY_SAMPLES = 3;
/** The latency's p95 is also shown for each such stretch of the run. */
const WINDOW_MS = 5_000;

type ClientSocket = Socket<ServerToClient, ClientToServer>;

/** The measured moves of one run: when each was sent and answered, and how. */
class Moves {
	readonly sentAt: Float64Array;
	readonly answeredAt: Float64Array;
	readonly ok: Uint8Array;
	count = 0;
	/** `${cardId}:${version}` → the move's index. */
	private readonly keys = new Map<string, number>();
	/** Card → its latest move's index, for events that carry no version. */
	private readonly latest = new Map<number, number>();
	/** Move events that carried no version (matched by their card alone). */
	unversioned = 0;
	/** Events of measured moves, at their first arrival at each client: for the drain. */
	arrivals = 0;
	/** The last time any client heard anything (a move or presence): for waiting for quiet. */
	lastMessageAt = performance.now();

	constructor(readonly capacity: number) {
		this.sentAt = new Float64Array(capacity);
		this.answeredAt = new Float64Array(capacity);
		this.ok = new Uint8Array(capacity);
	}

	add(cardId: number, version: number): number {
		const index = this.count++;
		this.keys.set(`${cardId}:${version}`, index);
		this.latest.set(cardId, index);
		return index;
	}

	/**
	 * The move an event tells of: by card and version; without a version (an app whose events do
	 * not carry it), by card alone, which is exact as long as a card is moved again only long after
	 * (here each card waits for all the others, 20 s at 50 moves/s).
	 */
	indexOf(cardId: number | null, version: number | undefined): number | undefined {
		if (cardId === null) return undefined;
		if (version !== undefined) return this.keys.get(`${cardId}:${version}`);
		this.unversioned++;
		return this.latest.get(cardId);
	}
}

/** One socket.io client on the board: what arrived, when, and how often. */
class Client {
	readonly arrivals: Float64Array;
	readonly counts: Uint16Array;
	duplicates = 0;
	/** Move events of no measured move (none expected). */
	unexpected = 0;
	/** Events whose id was not above the one before. */
	outOfOrder = 0;
	drops = 0;
	private lastId = 0;

	constructor(
		readonly socket: ClientSocket,
		moves: Moves
	) {
		this.arrivals = new Float64Array(moves.capacity);
		this.counts = new Uint16Array(moves.capacity);
		socket.on('board:changed', (event) => {
			const now = performance.now();
			moves.lastMessageAt = now;
			const id = Number(event.id);
			if (id <= this.lastId) this.outOfOrder++;
			else this.lastId = id;
			if (event.type !== 'card.moved') return;
			const index = moves.indexOf(event.cardId, event.move?.version);
			if (index === undefined) {
				this.unexpected++;
				return;
			}
			const seen = this.counts[index]!;
			this.counts[index] = seen + 1;
			if (seen > 0) this.duplicates++;
			else {
				this.arrivals[index] = now;
				moves.arrivals++;
			}
		});
		socket.on('presence', () => {
			moves.lastMessageAt = performance.now();
		});
		socket.on('disconnect', (reason) => {
			if (reason !== 'io client disconnect') this.drops++;
		});
	}
}

async function openClient(
	server: AppServer,
	cookie: string,
	boardId: number,
	moves: Moves
): Promise<Client> {
	const socket: ClientSocket = io(server.origin, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: { cookie, origin: server.origin },
		reconnection: false,
		forceNew: true,
		timeout: 30_000
	});
	const client = new Client(socket, moves);
	try {
		await new Promise<void>((done, fail) => {
			socket.once('connect', done);
			socket.once('connect_error', fail);
		});
		const answer = await socket.timeout(30_000).emitWithAck('board:join', { boardId });
		if (!answer.ok) throw new Error(`board:join refused: ${answer.error}`);
	} catch (error) {
		socket.close();
		throw error;
	}
	return client;
}

/** Client i signs in as viewer i mod their number: the server admits 20 sockets per person. */
async function openClients(
	n: number,
	server: AppServer,
	cookies: readonly string[],
	boardId: number,
	moves: Moves,
	into: Client[]
) {
	let started = 0;
	const worker = async () => {
		while (started < n) {
			const cookie = cookies[started++ % cookies.length]!;
			into.push(await openClient(server, cookie, boardId, moves));
		}
	};
	await Promise.all(Array.from({ length: Math.min(CONNECTING, n) }, worker));
}

function closeClients(clients: Client[]) {
	for (const client of clients) client.socket.close();
	clients.length = 0;
}

/** Until no client has heard anything for `quietMs` (presence fans out after every join). */
async function quiet(moves: Moves, quietMs = 1_000, maxMs = 60_000) {
	const deadline = performance.now() + maxMs;
	while (performance.now() - moves.lastMessageAt < quietMs && performance.now() < deadline)
		await sleep(100);
}

/** The cards moved, each in turn to the top of the next column, never two moves of one at once. */
class Cards {
	private readonly cards: { id: number; column: number; version: number; busy: boolean }[];
	private next = 0;
	readonly failures: string[] = [];

	constructor(
		private readonly boardId: number,
		private readonly columnIds: number[],
		cardColumns: Map<number, number>,
		private readonly cookie: string
	) {
		this.cards = [...cardColumns].map(([id, columnId]) => ({
			id,
			column: columnIds.indexOf(columnId),
			version: 1,
			busy: false
		}));
	}

	/** Sends one move; `sent` learns the card and the version the move will give it. */
	move(server: AppServer, agent: http.Agent, sent: (cardId: number, version: number) => void) {
		let card = this.cards[this.next++ % this.cards.length]!;
		for (let tries = 0; card.busy; tries++) {
			if (tries > this.cards.length) throw new Error('every card is waiting for its move');
			card = this.cards[this.next++ % this.cards.length]!;
		}
		card.busy = true;
		const column = (card.column + 1) % this.columnIds.length;
		const body = new URLSearchParams({
			cardId: String(card.id),
			columnId: String(this.columnIds[column]),
			afterId: '',
			version: String(card.version),
			// The board's "in progress" column has a WIP limit; the mover confirms going over it.
			confirmWip: 'true'
		}).toString();
		sent(card.id, card.version + 1);
		return postMove(server, agent, this.boardId, this.cookie, body).then((failure) => {
			if (failure) {
				// Where the card now is is unknown: it is moved no more.
				this.failures.push(failure);
				return false;
			}
			card.version++;
			card.column = column;
			card.busy = false;
			return true;
		});
	}
}

/** POSTs to the board's `move` action as the board page does; the failure, or null. */
function postMove(
	server: AppServer,
	agent: http.Agent,
	boardId: number,
	cookie: string,
	body: string
): Promise<string | null> {
	return new Promise((done) => {
		const request = http.request(
			`${server.origin}/boards/${boardId}?/move`,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					origin: server.origin,
					cookie
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => {
					let type: unknown;
					try {
						type = (JSON.parse(text) as { type?: unknown }).type;
					} catch {
						type = undefined;
					}
					done(type === 'success' ? null : `${response.statusCode}: ${text.slice(0, 200)}`);
				});
				response.on('error', (error) => done(error.message));
			}
		);
		request.setTimeout(30_000, () => request.destroy(new Error('no answer in 30 s')));
		request.on('error', (error) => done(error.message));
		request.end(body);
	});
}

/** Sends `count` moves at `rate` per second on a fixed schedule, however long answers take. */
async function drive(
	server: AppServer,
	cards: Cards,
	moves: Moves | null,
	rate: number,
	count: number
) {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
	const interval = 1000 / rate;
	const lateness: number[] = [];
	const answers: Promise<unknown>[] = [];
	const start = performance.now() + 20;
	try {
		for (let i = 0; i < count; i++) {
			const due = start + i * interval;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
			lateness.push(performance.now() - due);
			let index = -1;
			const answer = cards.move(server, agent, (cardId, version) => {
				if (!moves) return;
				index = moves.add(cardId, version);
				moves.sentAt[index] = performance.now();
			});
			answers.push(
				answer.then((ok) => {
					if (index < 0 || !moves) return;
					moves.answeredAt[index] = performance.now();
					moves.ok[index] = ok ? 1 : 0;
				})
			);
		}
		await Promise.all(answers);
	} finally {
		agent.destroy();
	}
	return { lateness, endedAt: performance.now() };
}

/** The server's memory with no sockets or with them: the median of a few samples after a GC. */
async function weigh(server: AppServer) {
	const samples: NodeJS.MemoryUsage[] = [];
	for (let i = 0; i < MEMORY_SAMPLES; i++) {
		if (i > 0) await sleep(300);
		samples.push(await server.memory());
	}
	const median = (pick: (m: NodeJS.MemoryUsage) => number) => percentile(samples.map(pick), 50);
	return { rss: median((m) => m.rss), heap: median((m) => m.heapUsed + m.external) };
}

interface Setup {
	database: AppDatabase;
	appDir: string;
	boardId: number;
	cards: Cards;
	viewerCookies: string[];
	seconds: number;
}

async function runScenario(setup: Setup, scenario: Scenario, cleanups: (() => Promise<void>)[]) {
	const { clients: n, rate } = scenario;
	const label = `${n} clients, ${rate} moves/s`;
	const server = await startAppServer({ appDir: setup.appDir, env: setup.database.env });
	const clients: Client[] = [];
	const cleanup = async () => {
		await server.stop();
		closeClients(clients);
	};
	cleanups.push(cleanup);
	try {
		// Warm-up: the server's code paths compiled, its pools filled, before anything is weighed.
		const warm = new Moves(WARM_UP.moves);
		await openClients(WARM_UP.clients, server, setup.viewerCookies, setup.boardId, warm, clients);
		await drive(server, setup.cards, warm, WARM_UP.rate, WARM_UP.moves);
		closeClients(clients);
		await sleep(1_000);

		const before = await weigh(server);
		const moves = new Moves(rate * setup.seconds);
		const connectStart = performance.now();
		await openClients(n, server, setup.viewerCookies, setup.boardId, moves, clients);
		const connectMs = performance.now() - connectStart;
		await quiet(moves);
		const idle = await weigh(server);
		console.log(`${label}: ${n} sockets joined in ${(connectMs / 1000).toFixed(1)} s`);

		const loop = monitorEventLoopDelay({ resolution: 5 });
		const cpu = {
			server: server.cpuSeconds(),
			bench: process.cpuUsage(),
			postgres: postgresCpuMeter(),
			machine: machineCpuSeconds()
		};
		const loadStart = performance.now();
		await server.startTiming();
		loop.enable();
		const { lateness, endedAt } = await drive(server, setup.cards, moves, rate, moves.capacity);
		const loadSeconds = (performance.now() - loadStart) / 1000;
		const used = {
			server: server.cpuSeconds() - cpu.server,
			bench: process.cpuUsage(cpu.bench),
			postgres: cpu.postgres(),
			machine: machineCpuSeconds() - cpu.machine
		};
		let succeeded = 0;
		for (let i = 0; i < moves.count; i++) succeeded += moves.ok[i]!;
		const expected = succeeded * n;
		while (moves.arrivals < expected && performance.now() - endedAt < DRAIN_MS) await sleep(20);
		// Room for a late duplicate.
		await sleep(500);
		loop.disable();
		const inServer = await server.timing();
		console.log(
			`${label}: ${moves.count} moves in ${loadSeconds.toFixed(1)} s, drained ` +
				`${((performance.now() - endedAt) / 1000).toFixed(1)} s after the last answer`
		);
		const drops = clients.reduce((sum, c) => sum + c.drops, 0);
		const result = measure(clients, moves);
		const share = (seconds: number) => `${((100 * seconds) / loadSeconds).toFixed(0)} %`;
		const benchSeconds = (used.bench.user + used.bench.system) / 1e6;
		// What else ran meanwhile (other work on the machine) competes for the same cores.
		const others = used.machine - used.server - benchSeconds - used.postgres;
		console.log(
			`${label}: CPU during the moves (100 % = one core of ${os.availableParallelism()}): ` +
				`server ${share(used.server)}, clients and mover ${share(benchSeconds)}, ` +
				`PostgreSQL (all databases) ${share(used.postgres)}, everything else ${share(Math.max(0, others))}`
		);
		if (others / loadSeconds > 0.25)
			console.log(`${label}: note: other work competed for the cores; the figures suffer from it`);
		return {
			label,
			scenario,
			sent: moves.count,
			succeeded,
			...result,
			drops,
			unversioned: moves.unversioned > 0,
			connectMs,
			lateness,
			loopP99: loop.percentile(99) / 1e6,
			inServer,
			perSocket: { rss: (idle.rss - before.rss) / n, heap: (idle.heap - before.heap) / n }
		};
	} finally {
		await cleanup();
		cleanups.splice(cleanups.indexOf(cleanup), 1);
	}
}

/** Latencies of every (move, client) pair, and what was lost, duplicated or out of order. */
function measure(clients: Client[], moves: Moves) {
	const latencies: number[] = [];
	const first: number[] = [];
	const spread: number[] = [];
	const answers: number[] = [];
	/** The latencies of the moves sent in each WINDOW_MS: a burst of other work shows in one. */
	const windows: number[][] = [];
	let lost = 0;
	for (let i = 0; i < moves.count; i++) {
		if (!moves.ok[i]) continue;
		const sentAt = moves.sentAt[i]!;
		answers.push(moves.answeredAt[i]! - sentAt);
		const window = (windows[Math.floor((sentAt - moves.sentAt[0]!) / WINDOW_MS)] ??= []);
		let earliest = Infinity;
		let latest = -Infinity;
		for (const client of clients) {
			if (client.counts[i] === 0) {
				lost++;
				continue;
			}
			const at = client.arrivals[i]!;
			latencies.push(at - sentAt);
			window.push(at - sentAt);
			earliest = Math.min(earliest, at);
			latest = Math.max(latest, at);
		}
		if (earliest !== Infinity) {
			first.push(earliest - sentAt);
			spread.push(latest - earliest);
		}
	}
	const sum = (pick: (c: Client) => number) => clients.reduce((s, c) => s + pick(c), 0);
	return {
		latencies,
		first,
		spread,
		answers,
		windows,
		lost,
		duplicated: sum((c) => c.duplicates),
		unexpected: sum((c) => c.unexpected),
		outOfOrder: sum((c) => c.outOfOrder)
	};
}

type Result = Awaited<ReturnType<typeof runScenario>>;

function resultRows(r: Result): Row[] {
	const { target } = r.scenario;
	const p95 = percentile(r.latencies, 95);
	const p99 = percentile(r.latencies, 99);
	const perSocket = (what: string, value: number): Row => ({
		measure: `${r.label}: memory per idle socket, ${what}`,
		figure: (value < 0 ? '-' : '') + bytes(Math.abs(Math.round(value))),
		target: `≤ ${bytes(TARGET_SOCKET_BYTES)}`,
		meets: value <= TARGET_SOCKET_BYTES
	});
	return [
		{ measure: `${r.label}: moves answered ok`, figure: `${r.succeeded} of ${r.sent}` },
		{
			measure: `${r.label}: event latency p50 (${r.latencies.length} arrivals)`,
			figure: ms(percentile(r.latencies, 50))
		},
		{
			measure: `${r.label}: event latency p95`,
			figure: ms(p95),
			target: `≤ ${target.p95} ms`,
			meets: p95 <= target.p95
		},
		target.p99 === undefined
			? { measure: `${r.label}: event latency p99`, figure: ms(p99) }
			: {
					measure: `${r.label}: event latency p99`,
					figure: ms(p99),
					target: `≤ ${target.p99} ms`,
					meets: p99 <= target.p99
				},
		{
			measure: `${r.label}: events lost`,
			figure: String(r.lost),
			target: '0',
			meets: r.lost === 0
		},
		{
			measure: `${r.label}: events duplicated`,
			figure: String(r.duplicated),
			target: '0',
			meets: r.duplicated === 0
		},
		perSocket('RSS', r.perSocket.rss),
		perSocket('JS heap + external after GC', r.perSocket.heap)
	];
}

function diagnosisRows(r: Result): Row[] {
	const p = (values: number[], q: number) => ms(percentile(values, q));
	return [
		{ measure: `${r.label}: sockets connected and joined in`, figure: ms(r.connectMs) },
		{
			measure: `${r.label}: event latency p95 in each ${WINDOW_MS / 1000} s`,
			figure: r.windows.map((w) => percentile(w, 95).toFixed(0)).join(' / ') + ' ms'
		},
		{
			measure: `${r.label}: HTTP answer to the move p50 / p95`,
			figure: `${p(r.answers, 50)} / ${p(r.answers, 95)}`
		},
		{
			measure: `${r.label}: first client's event p50 / p95`,
			figure: `${p(r.first, 50)} / ${p(r.first, 95)}`
		},
		{
			measure: `${r.label}: first to last client p50 / p95`,
			figure: `${p(r.spread, 50)} / ${p(r.spread, 95)}`
		},
		{
			measure: `${r.label}: moves sent late p99 / max`,
			figure: `${p(r.lateness, 99)} / ${ms(Math.max(...r.lateness))}`
		},
		{
			measure: `${r.label}: the move in the server (headers to answer) p50 / p95`,
			figure: `${p(r.inServer.handled, 50)} / ${p(r.inServer.handled, 95)}`
		},
		{
			measure: `${r.label}: server's event loop delay p99 / max`,
			figure: `${ms(r.inServer.loopP99)} / ${ms(r.inServer.loopMax)}`
		},
		{ measure: `${r.label}: clients' event loop delay p99`, figure: ms(r.loopP99) },
		{
			measure: `${r.label}: events out of order / unexpected / sockets dropped`,
			figure: `${r.outOfOrder} / ${r.unexpected} / ${r.drops}`
		}
	];
}

/**
 * The migrations and the seed of the app measured: its own, so that a server built from another
 * checkout (BENCH_APP_DIR) finds the database it expects.
 */
async function appModules(appDir: string) {
	const load = (file: string) => import(pathToFileURL(path.join(appDir, file)).href);
	const [migrate, seed] = await Promise.all([
		load('src/lib/server/db/migrate.ts') as Promise<
			typeof import('../../src/lib/server/db/migrate')
		>,
		load('db/seed/index.ts') as Promise<typeof import('../../db/seed')>
	]);
	return { migrateToLatest: migrate.migrateToLatest, seedDatabase: seed.seedDatabase };
}

async function prepare(database: AppDatabase, appDir: string) {
	const db = database.handle.db;
	const lap = stopwatch();
	const { migrateToLatest, seedDatabase } = await appModules(appDir);
	await migrateToLatest(db);
	await seedDatabase(db, { demo: true });
	const board = await buildBigBoard(db, CARDS, seededRandom(2028));
	// The coordinator moves the cards; coordinators of their own watch, as many as the largest
	// scenario needs at the server's cap of sockets per person, so every client sees every move.
	const session = async (userId: number) => {
		const token = generateSessionToken();
		await createSession(db, token, userId);
		return `${sessionCookieName(false)}=${token}`;
	};
	const moverCookie = await session(board.coordinator.id);
	const most = Math.max(...SCENARIOS.map((s) => s.clients), WARM_UP.clients);
	const viewers = await db
		.insertInto('user')
		.values(
			Array.from({ length: Math.ceil(most / SOCKETS_PER_VIEWER) }, (_, i) => ({
				email: `bench.viewer${i + 1}@torun.example`,
				name: `Obserwator Obciążeniowy ${i + 1}`,
				passwordHash: 'x',
				role: 'coordinator' as const
			}))
		)
		.returning('id')
		.execute();
	const viewerCookies = [];
	for (const viewer of viewers) viewerCookies.push(await session(viewer.id));
	console.log(`migrated, seeded and built board ${board.id} (${CARDS} cards) in ${lap()}`);
	return { board, moverCookie, viewerCookies };
}

async function main() {
	const args = process.argv.slice(2);
	const quick = args.includes('--quick');
	const appDir = path.resolve(process.env.BENCH_APP_DIR || process.cwd());
	const database = await openAppDatabase(args.includes('--embedded'));
	const cleanups: (() => Promise<void>)[] = [database.destroy];
	const cleanUp = async () => {
		for (const fn of [...cleanups].reverse()) await fn().catch(() => {});
	};
	// Ctrl-C still stops the server and drops the database.
	const interrupted = () => void cleanUp().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	try {
		const cores = os.availableParallelism();
		const [load1] = os.loadavg();
		console.log(`database: ${database.description}`);
		console.log(`app: ${appDir}`);
		console.log(
			`node ${process.version}, ${cores} cores (${os.cpus()[0]?.model.trim() ?? '?'}), load average ${load1!.toFixed(1)}`
		);
		if (load1! > cores / 2) console.log('note: the machine is busy; expect noisy figures');
		console.log();
		const { board, moverCookie, viewerCookies } = await prepare(database, appDir);
		// The server opens the database itself (a PGlite directory takes one process at a time).
		await database.close();
		const cards = new Cards(
			board.id,
			board.columns.map((c) => c.id),
			board.cardColumns,
			moverCookie
		);
		const setup = {
			database,
			appDir,
			boardId: board.id,
			cards,
			viewerCookies,
			seconds: quick ? 5 : 30
		};
		const results: Result[] = [];
		for (const scenario of SCENARIOS) results.push(await runScenario(setup, scenario, cleanups));
		if (cards.failures.length)
			console.log(`\nmoves refused (${cards.failures.length}), the first: ${cards.failures[0]}`);
		console.log();
		const rows = results.flatMap(resultRows);
		printTable(rows);
		saveRows('realtime', rows);
		console.log('\nwhere the time goes:');
		printTable(results.flatMap(diagnosisRows));
		console.log(
			'\nLatency runs from sending the move to the arrival of its event at each client; memory ' +
				'is measured in the server process (RSS, and V8 heap plus external memory after a GC), ' +
				'with the sockets connected and joined, minus without them, divided by their number.'
		);
		console.log(`load average at the end: ${os.loadavg()[0]!.toFixed(1)}`);
		if (results.some((r) => r.unversioned))
			console.log(
				'The events of this build carry no card version: they were matched to moves by card.'
			);
		if (quick) console.log(`--quick: ${setup.seconds} s of moves per scenario; a rough check.`);
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
