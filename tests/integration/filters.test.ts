import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCardFilters } from '../../src/lib/schemas/filters';
import type { Actor } from '../../src/lib/server/auth/policy';
import { getBoard, getMyWork } from '../../src/lib/server/cards/lists';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let board: Awaited<ReturnType<typeof makeBoard>>;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let dept: Actor;
let ngo: Actor;
let ngoOrg: { id: number };
const ids: Record<string, number> = {};

const day = (offset: number) =>
	new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	const deptOrg = await makeOrg(t.db, 'city_department');
	ngoOrg = await makeOrg(t.db, 'ngo');
	const otherNgo = await makeOrg(t.db, 'ngo');
	dept = await makePerson(t.db, 'member', [[deptOrg.id, 'member']]);
	ngo = await makePerson(t.db, 'member', [[ngoOrg.id, 'member']]);
	board = await makeBoard(t.db, deptOrg.id, s.id);
	const [todo, , , done] = board.columns;
	const card = async (name: string, column: number, extra: object, partners: number[] = []) => {
		const made = await makeCard(t.db, board, column, deptOrg.id, partners, { title: name });
		await t.db.updateTable('card').set(extra).where('id', '=', made.id).execute();
		ids[name] = made.id;
	};
	await card(
		'Warsztaty 100% dla seniorów',
		todo,
		{ goalId: s.task.id, dueDate: day(-3), labels: ['seniorzy'] },
		[ngoOrg.id]
	);
	await card('Kampania plakatowa', todo, {
		goalId: s.task2.id,
		dueDate: day(3),
		labels: ['kampania']
	});
	await card('Raport roczny', done, { goalId: s.operational.id, dueDate: day(-10) }, [otherNgo.id]);
	await card('Spotkanie bez terminu', todo, { description: 'Omówienie wyników ankiety' });
	await t.db
		.insertInto('cardAssignee')
		.values({ cardId: ids['Kampania plakatowa']!, userId: dept.id })
		.execute();
});
afterAll(() => t.destroy());

async function titles(who: Actor, query: string) {
	const filters = parseCardFilters(new URLSearchParams(query));
	const { tiles, rows } = await getBoard(t.db, who, board.id, filters);
	return [...tiles, ...rows].map((c) => c.title).sort();
}

describe('card filters', () => {
	it('narrow by goal subtree, organisation, person, label, due date and text', async () => {
		expect(await titles(dept, `goal=${s.strategic.id}`)).toEqual([
			'Kampania plakatowa',
			'Raport roczny',
			'Warsztaty 100% dla seniorów'
		]);
		expect(await titles(dept, `goal=${s.task.id}`)).toEqual(['Warsztaty 100% dla seniorów']);
		expect(await titles(dept, `org=${ngoOrg.id}`)).toEqual(['Warsztaty 100% dla seniorów']);
		expect(await titles(dept, 'assignee=me')).toEqual(['Kampania plakatowa']);
		expect(await titles(dept, 'label=kampania')).toEqual(['Kampania plakatowa']);
		// A done card past its date is not overdue.
		expect(await titles(dept, 'due=overdue')).toEqual(['Warsztaty 100% dla seniorów']);
		expect(await titles(dept, 'due=week')).toEqual(['Kampania plakatowa']);
		expect(await titles(dept, 'due=none')).toEqual(['Spotkanie bez terminu']);
		expect(await titles(dept, 'q=ankiety')).toEqual(['Spotkanie bez terminu']);
		// % and _ are text, not patterns.
		expect(await titles(dept, 'q=100%')).toEqual(['Warsztaty 100% dla seniorów']);
		expect(await titles(dept, 'q=%25')).toEqual(['Warsztaty 100% dla seniorów']);
	});

	it('ignore what they cannot read and never widen what a person sees', async () => {
		expect(await titles(dept, 'goal=abc&due=soon&org=-1')).toHaveLength(4);
		expect(await titles(ngo, '')).toEqual(['Warsztaty 100% dla seniorów']);
		expect(await titles(ngo, 'due=none')).toEqual([]);
		expect(await titles(ngo, `goal=${s.operational.id}`)).toEqual(['Warsztaty 100% dla seniorów']);
	});

	it('keep the column counts whole while the cards are filtered', async () => {
		const filters = parseCardFilters(new URLSearchParams('label=kampania'));
		const { columns, tiles } = await getBoard(t.db, dept, board.id, filters);
		expect(tiles).toHaveLength(1);
		expect(columns[0]!.cardCount).toBe(3);
	});
});

describe('the archive', () => {
	it('lists archived cards apart from the live ones', async () => {
		const id = ids['Spotkanie bez terminu']!;
		await t.db.updateTable('card').set({ archivedAt: new Date() }).where('id', '=', id).execute();
		expect(await titles(dept, 'archived=1&view=list')).toEqual(['Spotkanie bez terminu']);
		expect(await titles(dept, '')).not.toContain('Spotkanie bez terminu');
		expect(await titles(ngo, 'archived=1&view=list')).toEqual([]);
		await t.db.updateTable('card').set({ archivedAt: null }).where('id', '=', id).execute();
	});
});

describe('my work', () => {
	it('lists the cards of my organisations and those assigned to me, overdue first', async () => {
		const all = parseCardFilters(new URLSearchParams(''));
		const mine = (await getMyWork(t.db, dept, all)).rows;
		expect(mine[0]!.title).toBe('Warsztaty 100% dla seniorów');
		expect(mine.map((c) => c.title)).toHaveLength(4);
		expect((await getMyWork(t.db, ngo, all)).rows.map((c) => c.title)).toEqual([
			'Warsztaty 100% dla seniorów'
		]);
		const sorted = (
			await getMyWork(t.db, dept, parseCardFilters(new URLSearchParams('sort=title')))
		).rows;
		expect(sorted.map((c) => c.title)).toEqual(
			[...sorted.map((c) => c.title)].sort((a, b) => a.localeCompare(b))
		);
	});
});
