import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import type { Db } from '../../src/lib/server/db';
import { createGoal, deleteGoal, updateGoal } from '../../src/lib/server/goals/service';
import { boardPage } from '../../src/lib/server/pages/board';
import { makeBoard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { QueryCounter } from '../helpers/query-counter';

// The board page keeps its strategy's outline in memory, keyed by the strategy's outline
// version, which triggers move with every change of its goals: whoever changes them (the goal
// editor, an import, another instance of the app, plain SQL), the next page shows the change.

let t: TestDatabase;
let db: Db;
const counter = new QueryCounter();
let strategy: Awaited<ReturnType<typeof makeStrategy>>;
let other: Awaited<ReturnType<typeof makeStrategy>>;
let boardId: number;
let coordinator: Actor;
let member: Actor;

const page = () => boardPage(db, member, boardId, new URLSearchParams());
const titles = async () => (await page()).goals.map((g) => g.title).sort();
const version = async (id: number) =>
	(
		await t.db
			.selectFrom('strategy')
			.select('outlineVersion')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	).outlineVersion;

beforeAll(async () => {
	t = await createTestDatabase();
	db = t.db.withPlugin(counter);
	strategy = await makeStrategy(t.db);
	other = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	member = await makePerson(t.db, 'member', [[dept.id, 'member']]);
	coordinator = await makePerson(t.db, 'coordinator');
	boardId = (await makeBoard(t.db, dept.id, strategy.id)).id;
});
afterAll(() => t.destroy());

describe("the board page's outline cache", () => {
	it('reads the outline once, then serves it from memory while no goal changes', async () => {
		const first = await counter.countOf(page);
		const again = await counter.countOf(page);
		expect(again).toBe(first - 1);
		expect(await titles()).toEqual(['Cel 1', 'Cel 1.1', 'Cel 1.1.1', 'Cel 1.1.2']);
	});

	it('shows a goal added, renamed or deleted in the goal editor on the next page', async () => {
		await page();
		const added = await createGoal(
			t.db,
			coordinator,
			{ strategyId: strategy.id, parentId: strategy.operational.id },
			{ code: '1.1.3', title: 'Nowe zadanie', description: null }
		);
		expect(await titles()).toContain('Nowe zadanie');
		await updateGoal(t.db, coordinator, added.id, {
			code: '1.1.3',
			title: 'Zadanie przemianowane',
			description: null
		});
		const renamed = await titles();
		expect(renamed).toContain('Zadanie przemianowane');
		expect(renamed).not.toContain('Nowe zadanie');
		await deleteGoal(t.db, coordinator, added.id);
		expect(await titles()).toEqual(['Cel 1', 'Cel 1.1', 'Cel 1.1.1', 'Cel 1.1.2']);
	});

	it('sees a change made outside the app: the trigger moves the version', async () => {
		await page();
		await t.db
			.updateTable('goal')
			.set({ title: 'Zmienione w bazie' })
			.where('id', '=', strategy.task2.id)
			.execute();
		expect(await titles()).toContain('Zmienione w bazie');
	});

	it('moves only the version of the strategy whose goals changed, once per statement', async () => {
		const [ours, theirs] = [await version(strategy.id), await version(other.id)];
		await t.db
			.updateTable('goal')
			.set({ description: 'Opis' })
			.where('strategyId', '=', strategy.id)
			.execute();
		expect(await version(strategy.id)).toBe(ours + 1);
		expect(await version(other.id)).toBe(theirs);
	});

	it('keeps nothing of a change rolled back', async () => {
		await page();
		const before = await version(strategy.id);
		await expect(
			t.db.transaction().execute(async (trx) => {
				await trx.updateTable('goal').set({ title: 'Wycofane' }).execute();
				throw new Error('rolled back');
			})
		).rejects.toThrow('rolled back');
		expect(await version(strategy.id)).toBe(before);
		expect(await titles()).not.toContain('Wycofane');
	});
});
