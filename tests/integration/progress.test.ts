import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCounts, type StatusCounts } from '../../src/lib/domain/progress';
import { loadViewer, type Actor } from '../../src/lib/server/auth/policy';
import {
	boardsForNewCard,
	listGoalCards,
	progressOfStrategy
} from '../../src/lib/server/goals/progress';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Progress rolled up the goal tree from the cards each viewer may see. The dates are far in the
// past or future, so that "overdue" does not depend on the day the test runs.

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let other: Awaited<ReturnType<typeof makeStrategy>>;
let board: Awaited<ReturnType<typeof makeBoard>>;
let joint: Awaited<ReturnType<typeof makeBoard>>;
const people: Record<string, Actor> = {};
const cards: Record<string, { id: number }> = {};

const PAST = '2000-01-10';
const counts = (c: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...c });

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	other = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	const ngoA = await makeOrg(t.db, 'ngo');
	const ngoB = await makeOrg(t.db, 'ngo');
	const county = await makeOrg(t.db, 'county');
	const muniX = await makeOrg(t.db, 'municipality');
	const muniY = await makeOrg(t.db, 'municipality');
	people.coordinator = await makePerson(t.db, 'coordinator');
	people.dept = await makePerson(t.db, 'member', [[dept.id, 'member']]);
	people.ngoA = await makePerson(t.db, 'member', [[ngoA.id, 'member']]);
	people.ngoB = await makePerson(t.db, 'member', [[ngoB.id, 'manager']]);
	people.county = await makePerson(t.db, 'member', [[county.id, 'member']]);
	people.muniX = await makePerson(t.db, 'member', [[muniX.id, 'member']]);

	board = await makeBoard(t.db, dept.id, s.id);
	joint = await makeBoard(t.db, county.id, s.id, [muniX.id, muniY.id]);
	const [todo, doing, blocked, done] = board.columns;
	const card = async (
		name: string,
		on: typeof board,
		column: number,
		lead: number,
		partners: number[],
		goalId: number,
		dueDate: string | null = null
	) => {
		cards[name] = await makeCard(t.db, on, column, lead, partners, { goalId, title: name });
		await t.db.updateTable('card').set({ dueDate }).where('id', '=', cards[name]!.id).execute();
	};
	await card('c1', board, todo, dept.id, [ngoA.id], s.task.id, PAST);
	await card('c2', board, done, dept.id, [], s.task.id, '2000-01-05');
	await card('c3', board, blocked, dept.id, [], s.task2.id, '2999-01-01');
	await card('c4', board, doing, dept.id, [], s.operational.id);
	await card('j1', joint, joint.columns[0], county.id, [muniX.id], s.task2.id, '2998-01-01');
	await card('j2', joint, joint.columns[1], muniY.id, [], s.task2.id);
	// Left out of every count: an archived card, and a card on an archived board.
	await card('archived', board, todo, dept.id, [], s.task.id, PAST);
	await t.db
		.updateTable('card')
		.set({ archivedAt: new Date() })
		.where('id', '=', cards.archived!.id)
		.execute();
	const gone = await makeBoard(t.db, dept.id, s.id);
	await card('onArchivedBoard', gone, gone.columns[0], dept.id, [], s.task.id);
	await t.db
		.updateTable('board')
		.set({ archivedAt: new Date() })
		.where('id', '=', gone.id)
		.execute();
	// A board of another strategy: never offered for a goal of this one.
	await makeBoard(t.db, dept.id, other.id);
});
afterAll(() => t.destroy());

const goalsOf = (strategyId: number) =>
	t.db.selectFrom('goal').select(['id', 'parentId']).where('strategyId', '=', strategyId).execute();

async function progressFor(who: Actor) {
	const viewer = await loadViewer(t.db, who);
	return progressOfStrategy(t.db, viewer, s.id, await goalsOf(s.id));
}

async function cardsFor(who: Actor, goalId: number) {
	const viewer = await loadViewer(t.db, who);
	return (await listGoalCards(t.db, viewer, goalId)).map((c) => c.title);
}

describe('progress rolled up the tree', () => {
	it('counts each goal’s own cards by the status of their column', async () => {
		const p = await progressFor(people.coordinator!);
		expect(p.get(s.task.id)!.own).toEqual(counts({ todo: 1, done: 1, overdue: 1 }));
		// The card in the blocked column counts as blocked.
		expect(p.get(s.task2.id)!.own).toEqual(counts({ todo: 1, in_progress: 1, blocked: 1 }));
		expect(p.get(s.operational.id)!.own).toEqual(counts({ in_progress: 1 }));
		expect(p.get(s.strategic.id)!.own).toEqual(emptyCounts());
	});

	it('sums tasks into the operational goal and it into the strategic goal', async () => {
		const p = await progressFor(people.coordinator!);
		const all = counts({ todo: 2, in_progress: 2, blocked: 1, done: 1, overdue: 1 });
		expect(p.get(s.operational.id)!.subtree).toEqual(all);
		expect(p.get(s.strategic.id)!.subtree).toEqual(all);
		expect(p.get(s.strategic.id)!.progress).toEqual({ done: 1, total: 6, percent: 16 });
		expect(p.get(s.task.id)!.progress).toEqual({ done: 1, total: 2, percent: 50 });
	});

	it('counts a past-due card as overdue unless it is done, and leaves archived cards out', async () => {
		const p = await progressFor(people.coordinator!);
		// c1 is past due in "todo"; c2 is past due but done; the archived ones are not there.
		expect(p.get(s.task.id)!.subtree.overdue).toBe(1);
		expect(p.get(s.task.id)!.progress.total).toBe(2);
		expect(await cardsFor(people.coordinator!, s.task.id)).toEqual(['c1', 'c2']);
	});
});

describe('only the cards a viewer may see', () => {
	it('shows an NGO that is not a partner nothing of another organisation’s board', async () => {
		const p = await progressFor(people.ngoB!);
		expect(p.get(s.task.id)!.subtree).toEqual(emptyCounts());
		expect(p.get(s.task.id)!.progress.percent).toBeNull();
		expect(p.get(s.strategic.id)!.progress.total).toBe(0);
		expect(await cardsFor(people.ngoB!, s.task.id)).toEqual([]);
		expect(await cardsFor(people.ngoB!, s.strategic.id)).toEqual([]);
	});

	it('shows the board owner its cards, and a partner only the card it takes part in', async () => {
		const owner = await progressFor(people.dept!);
		expect(owner.get(s.task.id)!.subtree).toEqual(counts({ todo: 1, done: 1, overdue: 1 }));
		expect(owner.get(s.strategic.id)!.progress).toEqual({ done: 1, total: 4, percent: 25 });
		expect(await cardsFor(people.dept!, s.task.id)).toEqual(['c1', 'c2']);
		const partner = await progressFor(people.ngoA!);
		expect(partner.get(s.strategic.id)!.subtree).toEqual(counts({ todo: 1, overdue: 1 }));
		expect(await cardsFor(people.ngoA!, s.operational.id)).toEqual(['c1']);
	});

	it('shows a joint board’s participant only the cards its organisation leads or partners', async () => {
		const muni = await progressFor(people.muniX!);
		expect(muni.get(s.task2.id)!.subtree).toEqual(counts({ todo: 1 }));
		expect(await cardsFor(people.muniX!, s.task2.id)).toEqual(['j1']);
		const owner = await progressFor(people.county!);
		expect(owner.get(s.task2.id)!.subtree).toEqual(counts({ todo: 1, in_progress: 1 }));
	});
});

describe('the cards of a goal across boards', () => {
	it('lists the whole subtree, overdue first, then by due date, undated last', async () => {
		expect(await cardsFor(people.coordinator!, s.strategic.id)).toEqual([
			'c1',
			'c2',
			'j1',
			'c3',
			'c4',
			'j2'
		]);
	});

	it('tells where each card is and who leads it', async () => {
		const viewer = await loadViewer(t.db, people.coordinator!);
		const [first] = await listGoalCards(t.db, viewer, s.task.id);
		expect(first).toMatchObject({
			id: cards.c1!.id,
			boardId: board.id,
			columnTitle: 'todo',
			status: 'todo',
			dueDate: PAST,
			goalId: s.task.id,
			overdue: true
		});
		expect(first!.leadName).toMatch(/^city_department/);
	});
});

describe('boards offered for a new card', () => {
	const offered = async (who: Actor, goal: { level: string; strategyId: number }) =>
		(await boardsForNewCard(t.db, who, await loadViewer(t.db, who), goal)).map((b) => b.id);
	const task = () => ({ level: 'task', strategyId: s.id });

	it('offers the boards of the goal’s strategy the viewer may add cards to', async () => {
		expect(await offered(people.dept!, task())).toEqual([board.id]);
		expect(await offered(people.muniX!, task())).toEqual([joint.id]);
		expect((await offered(people.coordinator!, task())).sort()).toEqual(
			[board.id, joint.id].sort()
		);
	});

	it('offers nothing to a partner on one card, to an outsider, or for a strategic goal', async () => {
		expect(await offered(people.ngoA!, task())).toEqual([]);
		expect(await offered(people.ngoB!, task())).toEqual([]);
		expect(await offered(people.dept!, { level: 'strategic', strategyId: s.id })).toEqual([]);
	});
});
