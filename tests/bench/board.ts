// npm run bench:board [-- --quick] [-- --embedded]: how the board page holds up at Trello's cap of 5,000 cards.
// Builds the board in a fresh database (BENCH_DATABASE_URL, by default the server on
// 127.0.0.1:5432 if one answers; an in-memory PGlite with --embedded or when none does), then
// times the board page's data load, weighs its payload and times card moves. It reports figures
// beside their targets; it fails only when something breaks, never on a missed target.
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { seedDatabase } from '../../db/seed';
import type { Actor } from '../../src/lib/server/auth/policy';
import { boardPage } from '../../src/lib/server/pages/board';
import { moveCard } from '../../src/lib/server/cards/service';
import type { Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { buildBigBoard, type BigBoard } from './lib/big-board';
import { openBenchDatabase, type BenchDatabase } from './lib/database';
import { QueryCounter } from '../helpers/query-counter';
import {
	bytes,
	ms,
	percentile,
	printTable,
	saveRows,
	sample,
	seededRandom,
	stopwatch,
	type Random,
	type Row
} from './lib/stats';

const CARDS = 5_000;
const LOADS = 50;
const LOAD_WARM_UP = 5;
const MOVES = 500;
const MOVE_WARM_UP = 50;
/** Time limits of each series, so that a slow machine still finishes in about two minutes. */
const QUICK = process.argv.slice(2).includes('--quick');
/** --quick: a tenth of the time, for a rough check. */
const BUDGET_MS = QUICK
	? { load: 2_500, partnerLoad: 1_000, moves: 2_000 }
	: { load: 25_000, partnerLoad: 10_000, moves: 20_000 };
const TARGET = { loadP95: 100, payloadGzip: 1_000_000, moveP95: 5 };

/** The board page's data for its plain URL: the very function the page's load calls. */
function loadBoardPage(db: Db, actor: Actor, boardId: number) {
	return boardPage(db, actor, boardId, new URLSearchParams());
}

function loadRows(who: string, load: { times: number[]; cards: number }): Row[] {
	const p95 = percentile(load.times, 95);
	return [
		{ measure: `board load, ${who}: p50`, figure: ms(percentile(load.times, 50)) },
		{
			measure: `board load, ${who}: p95 (${load.cards} tiles sent, ${load.times.length} loads)`,
			figure: ms(p95),
			target: `≤ ${TARGET.loadP95} ms`,
			meets: p95 <= TARGET.loadP95
		}
	];
}

async function timeLoads(db: Db, actor: Actor, boardId: number, budgetMs: number) {
	let cards = 0;
	const times = await sample(
		LOADS,
		LOAD_WARM_UP,
		async () => {
			cards = (await loadBoardPage(db, actor, boardId)).tiles.length;
		},
		budgetMs
	);
	return { times, cards };
}

/** Moves through the real service, half within a column and half across, to random places. */
async function timeMoves(db: Db, board: BigBoard, rnd: Random) {
	const members = new Map(board.columns.map((c) => [c.id, [] as number[]]));
	for (const [cardId, columnId] of board.cardColumns) members.get(columnId)!.push(cardId);
	const versions = new Map([...board.cardColumns.keys()].map((id) => [id, 1]));
	const cardIds = [...board.cardColumns.keys()];
	const columnIds = board.columns.map((c) => c.id);
	let across = 0;
	const times = await sample(MOVES, MOVE_WARM_UP, move, BUDGET_MS.moves);
	return { times, across };

	async function move(i: number) {
		const cardId = rnd.pick(cardIds);
		const from = board.cardColumns.get(cardId)!;
		const to = i % 2 === 0 ? from : rnd.pick(columnIds.filter((id) => id !== from));
		const others = members.get(to)!.filter((id) => id !== cardId);
		// One move in ten goes to the top of the column, the others after a random card.
		const afterId = others.length === 0 || rnd.chance(0.1) ? undefined : rnd.pick(others);
		const moved = await moveCard(db, board.coordinator, cardId, {
			columnId: to,
			afterId,
			version: versions.get(cardId)!,
			// The person confirmed going over the WIP limit (the default board has 8 in progress).
			confirmWip: true
		});
		versions.set(cardId, moved.version);
		if (to === from) return;
		if (i >= MOVE_WARM_UP) across++;
		const list = members.get(from)!;
		list.splice(list.indexOf(cardId), 1);
		members.get(to)!.push(cardId);
		board.cardColumns.set(cardId, to);
	}
}

async function run(database: BenchDatabase) {
	const counter = new QueryCounter();
	const db = database.db.withPlugin(counter);
	const rnd = seededRandom(2028);
	const lap = stopwatch();
	await migrateToLatest(db);
	await seedDatabase(db, { demo: true });
	console.log(`migrated and seeded in ${lap()}`);
	const board = await buildBigBoard(db, CARDS, rnd);
	const { cards, partners, assignees } = board.counts;
	console.log(
		`built board ${board.id}: ${cards} cards, ${partners} partners, ${assignees} assignees in ${lap()}`
	);

	const coordinator = await timeLoads(db, board.coordinator, board.id, BUDGET_MS.load);
	const member = await timeLoads(db, board.member, board.id, BUDGET_MS.load);
	const partner = await timeLoads(db, board.partner, board.id, BUDGET_MS.partnerLoad);
	let page = '';
	const loadStatements = await counter.countOf(async () => {
		page = JSON.stringify(await loadBoardPage(db, board.coordinator, board.id));
	});
	const raw = Buffer.byteLength(page);
	const gzip = gzipSync(page).length;
	const loads = [coordinator, member, partner].map((l) => LOAD_WARM_UP + l.times.length);
	console.log(`board loads (${loads.join(' + ')}) in ${lap()}`);
	const before = counter.count;
	const moves = await timeMoves(db, board, rnd);
	const moveCalls = MOVE_WARM_UP + moves.times.length;
	const moveStatements = (counter.count - before) / moveCalls;
	console.log(`moves (${moveCalls}) in ${lap()}`);

	const moveP95 = percentile(moves.times, 95);
	const rows: Row[] = [
		...loadRows('coordinator', coordinator),
		...loadRows('department member', member),
		...loadRows('NGO partner', partner),
		{ measure: 'board load: statements', figure: String(loadStatements) },
		{ measure: 'payload (coordinator), JSON', figure: bytes(raw) },
		{
			measure: 'payload (coordinator), gzip',
			figure: bytes(gzip),
			target: `≤ ${bytes(TARGET.payloadGzip)}`,
			meets: gzip <= TARGET.payloadGzip
		},
		{
			measure: `move: p50 (${moves.times.length} moves, ${moves.across} across columns)`,
			figure: ms(percentile(moves.times, 50))
		},
		{
			measure: 'move: p95',
			figure: ms(moveP95),
			target: `≤ ${TARGET.moveP95} ms`,
			meets: moveP95 <= TARGET.moveP95
		},
		{
			measure: 'move: statements (and begin, commit)',
			figure: moveStatements.toFixed(1)
		}
	];
	console.log();
	printTable(rows);
	saveRows(`board (${CARDS} cards)`, rows);
	console.log(`\nload average at the end: ${os.loadavg()[0]!.toFixed(1)}`);
	if (database.kind === 'embedded')
		console.log('The targets are set for a real PostgreSQL; on PGlite they are a reference.');
}

async function main() {
	const embedded = process.argv.slice(2).includes('--embedded');
	const database = await openBenchDatabase(embedded);
	const cpus = os.cpus();
	console.log(`database: ${database.description}`);
	const cores = os.availableParallelism();
	const [load1] = os.loadavg();
	console.log(
		`node ${process.version}, ${cores} cores (${cpus[0]?.model.trim() ?? '?'}), ${os.platform()} ${os.arch()}, load average ${load1!.toFixed(1)}`
	);
	// Other work on the machine slows every figure below, the tail most of all.
	if (load1! > cores / 2) console.log('note: the machine is busy; expect noisy figures');
	console.log();
	// Ctrl-C still drops the database.
	const interrupted = () => void database.destroy().finally(() => process.exit(130));
	process.once('SIGINT', interrupted);
	process.once('SIGTERM', interrupted);
	try {
		await run(database);
	} finally {
		await database.destroy();
	}
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exitCode = 1;
});
