import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import { parseDashboardQuery } from '../../src/lib/schemas/dashboard';
import { parseCardFilters } from '../../src/lib/schemas/filters';
import { loadViewer, type Viewer } from '../../src/lib/server/auth/policy';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { boardPage } from '../../src/lib/server/pages/board';
import { getMyWork } from '../../src/lib/server/cards/lists';
import { cardDialog } from '../../src/lib/server/pages/card-dialog';
import { addComment } from '../../src/lib/server/comments/service';
import { dashboardOf } from '../../src/lib/server/dashboard/service';
import type { Db } from '../../src/lib/server/db';
import { listGoalCards, progressOfStrategy } from '../../src/lib/server/goals/progress';
import { listGoalsOfStrategy } from '../../src/lib/server/goals/repository';
import { unreadCount } from '../../src/lib/server/notifications/service';
import { publicProgress } from '../../src/lib/server/public/service';
import { deskPage } from '../../src/lib/server/pages/desk';
import { reportQueues } from '../../src/lib/server/reports/queue';
import { parseReportQueueQuery } from '../../src/lib/schemas/report-queues';
import { buildBigBoard, type BigBoard } from '../bench/lib/big-board';
import { seededRandom } from '../bench/lib/stats';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { QueryCounter } from '../helpers/query-counter';

// The SQL statements each main load sends, counted on the demo data with a board of 10 cards and
// again once the board has 200 (and the opened card 1 then 40 comments): a load whose count grows
// with the cards is an N+1, caught here before it shows as a slow page. Each count must also stay
// within a fixed budget, so that a new load is a deliberate change of this file.

const SMALL = 10;
const LARGE = 200;

/** Statements per load: today's counts. Raise one only with a reason a reviewer agrees to. */
const BUDGET = {
	session: 1,
	unread: 1,
	// The filters' options in one statement (they were three), and no separate count of each
	// column's cards when no filter narrows them (the tiles count them). The columns come with the
	// board, and the strategy's outline from memory (counted warm: read once, then again only
	// after its goals change; tests/integration/goal-outline-cache.test.ts).
	boardCoordinator: 4,
	boardMember: 4,
	boardPartner: 5,
	// The card checked once (it was checked again for its reports, report form and move targets:
	// 19 then), one for the edition notice (the goal's successor) and one for the erased people the
	// history shows under their pseudonyms, and one for the names of the columns and goals the
	// history refers to by id.
	cardDialog: 14,
	// The labels to filter by are read apart: the rows are the first screen's only.
	myWork: 3,
	// The demo has an indicator since the reporting cycles (its value at a closed period's end
	// beside today's): where a strategy has indicators, their values are read too — one
	// statement on the goal page and the dashboard, two on the public page.
	goalProgress: 5,
	dashboard: 8,
	publicPage: 8,
	// Every section at once: memberships, due cards, mentions, report counts, returned reports,
	// boards, the open reporting cycles' cards still to report on (one statement over every open
	// cycle); for the staff also the review queue and the overview of the strategy.
	deskMember: 7,
	deskCoordinator: 9,
	// The queues' counts, the tab's reports.
	reports: 2
};

type Load = keyof typeof BUDGET;

/** Every tile of every column, so the count is taken on all the board's cards. */
const ALL_TILES = new URLSearchParams('per=5000');

let t: TestDatabase;
let db: Db;
const counter = new QueryCounter();
let board: BigBoard;
let token: string;
let cardId: number;
let strategyId: number;
let goalId: number;
let author: Viewer;

/** Every load, as its page calls it (the goal page: its progress and its cards). */
const loads: Record<Load, () => Promise<unknown>> = {
	session: () => validateSessionToken(db, token),
	unread: () => unreadCount(db, board.coordinator.id),
	boardCoordinator: () => boardPage(db, board.coordinator, board.id, ALL_TILES),
	boardMember: () => boardPage(db, board.member, board.id, ALL_TILES),
	boardPartner: () => boardPage(db, board.partner, board.id, ALL_TILES),
	cardDialog: () => cardDialog(db, board.coordinator, board.id, cardId),
	myWork: () =>
		getMyWork(db, board.member, { ...parseCardFilters(new URLSearchParams()), view: 'list' }),
	goalProgress: async () => {
		const all = await listGoalsOfStrategy(db, strategyId);
		return Promise.all([
			progressOfStrategy(db, await loadViewer(db, board.coordinator), strategyId, all),
			listGoalCards(db, await loadViewer(db, board.member), goalId)
		]);
	},
	dashboard: () => dashboardOf(db, board.coordinator, parseDashboardQuery(new URLSearchParams())),
	publicPage: () => publicProgress(db),
	deskMember: () => deskPage(db, board.member),
	deskCoordinator: () => deskPage(db, board.coordinator),
	reports: () => reportQueues(db, board.coordinator, parseReportQueueQuery(new URLSearchParams()))
};

async function countAll(): Promise<Record<Load, number>> {
	// The board pages are counted as they run once the outline is in memory.
	await boardPage(db, board.coordinator, board.id, ALL_TILES);
	const counts = {} as Record<Load, number>;
	for (const name of Object.keys(loads) as Load[])
		counts[name] = await counter.countOf(loads[name]);
	return counts;
}

async function comment(n: number) {
	for (let i = 0; i < n; i++)
		await addComment(db, author, cardId, { body: `Uwaga ${i + 1} do karty.` });
}

let small: Record<Load, number>;
let large: Record<Load, number>;

beforeAll(async () => {
	t = await createTestDatabase();
	db = t.db.withPlugin(counter);
	await seedDatabase(db, { demo: true });
	board = await buildBigBoard(db, SMALL, seededRandom(7));
	const first = await db
		.selectFrom('card')
		.select(['id', 'goalId'])
		.where('boardId', '=', board.id)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	cardId = first.id;
	const goal = await db
		.selectFrom('goal as task')
		.innerJoin('goal as operational', 'operational.id', 'task.parentId')
		.select(['operational.parentId as strategicId', 'task.strategyId'])
		.where('task.id', '=', first.goalId)
		.executeTakeFirstOrThrow();
	strategyId = goal.strategyId;
	goalId = goal.strategicId!;
	author = await loadViewer(db, board.coordinator);
	token = generateSessionToken();
	await createSession(db, token, board.coordinator.id);
	await comment(1);
	small = await countAll();
	await board.addCards(LARGE - SMALL);
	await comment(39);
	large = await countAll();
}, 120_000);

afterAll(async () => {
	await t?.destroy();
});

describe('query-count budget of the main loads', () => {
	it('loads the cards it is counted on', async () => {
		const page = await boardPage(db, board.coordinator, board.id, ALL_TILES);
		expect(page.tiles.length).toBeGreaterThanOrEqual(LARGE - 4);
		const dialog = await cardDialog(db, board.coordinator, board.id, cardId);
		expect(dialog.comments).toHaveLength(40);
		const work = await getMyWork(db, board.member, {
			...parseCardFilters(new URLSearchParams()),
			view: 'list'
		});
		expect(work.rows.length).toBeGreaterThan(SMALL);
	});

	it.each(Object.keys(BUDGET) as Load[])('%s: as many statements at 200 cards as at 10', (name) => {
		expect(large[name], `${name} at ${LARGE} cards`).toBe(small[name]);
	});

	it.each(Object.keys(BUDGET) as Load[])('%s: within its budget', (name) => {
		expect(large[name]).toBeGreaterThan(0);
		expect(large[name], `${name}: ${large[name]} statements`).toBeLessThanOrEqual(BUDGET[name]);
	});
});
