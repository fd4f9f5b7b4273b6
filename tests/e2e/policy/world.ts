import { expect, type APIRequestContext } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { getData } from './client';
import { SEED_BOARDS, type BoardFacts, type CardFacts } from './oracle';

// The resources of the running app, found over HTTP as the coordinator (who sees everything): the
// boards and cards with their ids, columns, versions and the organisations on each card, and the
// goal pages the lists are checked on. Nothing is hard-coded but the seed's titles and codes.

export interface WorldCard {
	id: number;
	title: string;
	columnId: number;
	position: string;
	version: number;
	status: string;
	dueDate: string | null;
	/** The card's organisations as the app holds them. */
	lead: string | null;
	partners: string[];
}

export interface WorldColumn {
	id: number;
	title: string;
	status: string;
	wipLimit: number | null;
	position: string;
}

export interface WorldBoard {
	id: number;
	title: string;
	strategyId: number;
	owner: string;
	participants: string[];
	columns: WorldColumn[];
	cards: WorldCard[];
}

export interface WorldGoal {
	id: number;
	label: string;
	strategyId: number;
	/** Every live card on the goal or under it (the coordinator sees them all): id → board id. */
	cards: { id: number; boardId: number }[];
}

export interface World {
	/** Identifies the database the app was started on: a fresh one per run. */
	key: string;
	boards: WorldBoard[];
	goals: WorldGoal[];
}

/** The goals whose pages are checked: operational goals with cards on several boards. */
export const GOALS = [
	{ strategy: 'torun-2028', code: '1.1' },
	{ strategy: 'powiat-torunski-2022-2024', code: '1.3' }
] as const;

type Rec = Record<string, unknown>;
const list = (v: unknown) => (Array.isArray(v) ? (v as Rec[]) : []);

async function data(ctx: APIRequestContext, path: string): Promise<Rec> {
	const res = await getData(ctx, path);
	expect(res.status, `coordinator reads ${path}`).toBe(200);
	return res.data;
}

/** The seed's timestamp: a new one for every fresh database. */
export async function worldKey(staff: APIRequestContext): Promise<string> {
	const page = await data(staff, `/strategies/${GOALS[0].strategy}`);
	const strategy = page.strategy as { id: number; createdAt: Date };
	return `${strategy.id}@${new Date(strategy.createdAt).toISOString()}`;
}

/**
 * A board as the coordinator's board view shows it with every tile, in column order: its columns
 * and all its live cards with their places and versions.
 */
export async function readBoard(staff: APIRequestContext, id: number) {
	const page = await data(staff, `/boards/${id}?per=5000`);
	const board = page.board as Rec;
	const columns = list(page.columns).map((c) => ({
		id: c.id as number,
		title: c.title as string,
		status: c.status as string,
		wipLimit: (c.wipLimit as number | null) ?? null,
		position: c.position as string
	}));
	const order = new Map(columns.map((c, i) => [c.id, i]));
	const statusOf = new Map(columns.map((c) => [c.id, c.status]));
	// Tiles come column by column in the cards' order; columns by id, so put them in board order.
	const cards = list(page.tiles)
		.map((c) => ({
			id: c.id as number,
			title: c.title as string,
			columnId: c.columnId as number,
			position: c.position as string,
			version: c.version as number,
			status: statusOf.get(c.columnId as number) ?? '?',
			dueDate: (c.dueDate as string | null) ?? null
		}))
		.sort((a, b) => order.get(a.columnId)! - order.get(b.columnId)!);
	return {
		id,
		title: board.title as string,
		strategyId: board.strategyId as number,
		owner: board.ownerName as string,
		participants: list(board.participants).map((p) => p.name as string),
		columns,
		cards
	};
}

async function readCardOrgs(staff: APIRequestContext, boardId: number, cardId: number) {
	const page = await data(staff, `/boards/${boardId}/cards/${cardId}`);
	const orgs = list((page.card as Rec).orgs);
	return {
		lead: (orgs.find((o) => o.role === 'lead')?.name as string | undefined) ?? null,
		partners: orgs.filter((o) => o.role === 'partner').map((o) => o.name as string)
	};
}

function findGoal(nodes: Rec[], code: string): Rec | undefined {
	for (const node of nodes) {
		if (node.code === code) return node;
		const found = findGoal(list(node.children), code);
		if (found) return found;
	}
	return undefined;
}

async function discover(staff: APIRequestContext, key: string): Promise<World> {
	const listPage = await data(staff, '/boards');
	const boards: WorldBoard[] = [];
	for (const b of list(listPage.boards)) {
		const board = await readBoard(staff, b.id as number);
		const cards: WorldCard[] = [];
		for (const card of board.cards)
			cards.push({ ...card, ...(await readCardOrgs(staff, board.id, card.id)) });
		boards.push({ ...board, cards });
	}
	const goals: WorldGoal[] = [];
	for (const g of GOALS) {
		const strategy = await data(staff, `/strategies/${g.strategy}`);
		const node = findGoal(list(strategy.tree), g.code);
		expect(node, `goal ${g.code} of ${g.strategy}`).toBeTruthy();
		const page = await data(staff, `/goals/${node!.id}`);
		goals.push({
			id: node!.id as number,
			label: `${g.strategy} ${g.code}`,
			strategyId: (page.goal as Rec).strategyId as number,
			cards: list(page.cards).map((c) => ({ id: c.id as number, boardId: c.boardId as number }))
		});
	}
	return { key, boards, goals };
}

/**
 * The world of this run. Playwright starts a new worker (and runs beforeAll again) after a failed
 * test, so the first reading, taken before any request of the matrix, is kept in a file for the
 * run's database: the final "nothing changed" check compares with it, not with a later reading.
 */
export async function loadWorld(staff: APIRequestContext, port: string): Promise<World> {
	const file = `tests/.tmp/access-policy-${port}.json`;
	const key = await worldKey(staff);
	if (existsSync(file)) {
		const saved = JSON.parse(readFileSync(file, 'utf8')) as World;
		if (saved.key === key) return saved;
	}
	const world = await discover(staff, key);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify(world, null, '\t'));
	return world;
}

export function worldBoard(world: World, title: string): WorldBoard {
	const board = world.boards.find((b) => b.title === title);
	if (!board) throw new Error(`board "${title}" is not on the coordinator's list`);
	return board;
}

export function worldCard(board: WorldBoard, title: string): WorldCard {
	const card = board.cards.find((c) => c.title === title);
	if (!card) throw new Error(`card "${title}" is not on board "${board.title}"`);
	return card;
}

/**
 * The oracle's facts for a board of the app: the seed's, for the seed's board and cards (a test
 * checks that the app holds the same), else what the app holds (a card another spec added).
 */
export function factsOf(board: WorldBoard): BoardFacts {
	const seed = SEED_BOARDS.find((b) => b.title === board.title);
	const cards: CardFacts[] = board.cards.map(
		(c) =>
			seed?.cards.find((s) => s.title === c.title) ?? {
				title: c.title,
				lead: c.lead ?? '',
				partners: c.partners
			}
	);
	return {
		title: board.title,
		owner: seed?.owner ?? board.owner,
		participants: seed?.participants ?? board.participants,
		cards
	};
}

export function cardFacts(facts: BoardFacts, title: string): CardFacts {
	const card = facts.cards.find((c) => c.title === title);
	if (!card) throw new Error(`card "${title}" not in the facts of "${facts.title}"`);
	return card;
}

/** What must not change: every board's columns and its cards' places and versions. */
export function snapshot(
	boards: {
		title: string;
		columns: WorldColumn[];
		cards: Pick<WorldCard, 'title' | 'columnId' | 'version' | 'position'>[];
	}[]
) {
	return boards.map((b) => ({
		board: b.title,
		columns: b.columns.map((c) => ({
			title: c.title,
			status: c.status,
			wipLimit: c.wipLimit,
			position: c.position,
			cards: b.cards
				.filter((card) => card.columnId === c.id)
				.map((card) => `${card.title} · v${card.version} · ${card.position}`)
		}))
	}));
}
