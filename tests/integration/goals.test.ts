import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import {
	createGoal,
	deleteGoal,
	importOutline,
	moveGoal,
	previewOutline,
	updateGoal
} from '../../src/lib/server/goals/service';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let coordinator: Actor;
let member: Actor;

beforeAll(async () => {
	t = await createTestDatabase();
	const insert = (email: string, role: 'coordinator' | 'member') =>
		t.db
			.insertInto('user')
			.values({ email, name: email, passwordHash: 'x', role })
			.returning(['id', 'role'])
			.executeTakeFirstOrThrow();
	coordinator = await insert('coord@example.test', 'coordinator');
	member = await insert('member@example.test', 'member');
});
afterAll(() => t.destroy());

async function newStrategy(slug: string) {
	const strategy = await t.db
		.insertInto('strategy')
		.values({
			slug,
			title: slug,
			owner: 'county',
			periodStart: 2022,
			periodEnd: 2024,
			status: 'current'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const goal = await createGoal(
		t.db,
		coordinator,
		{ strategyId: strategy.id, parentId: null },
		{
			code: '1',
			title: 'Cel strategiczny',
			description: null
		}
	);
	const operational = await createGoal(
		t.db,
		coordinator,
		{ strategyId: strategy.id, parentId: goal.id },
		{
			code: '1.1',
			title: 'Cel szczegółowy',
			description: null
		}
	);
	return { strategyId: strategy.id, strategic: goal, operational };
}

const countGoals = async (strategyId: number) =>
	(await t.db.selectFrom('goal').select('id').where('strategyId', '=', strategyId).execute())
		.length;
const countEvents = async () => (await t.db.selectFrom('event').select('id').execute()).length;

describe('editing the goal tree', () => {
	it('gives a new goal the level under its parent and writes an event', async () => {
		const { strategyId, strategic, operational } = await newStrategy('levels');
		expect(strategic.level).toBe('strategic'); // the county strategy has no areas
		expect(operational.level).toBe('operational');
		const task = await createGoal(
			t.db,
			coordinator,
			{ strategyId, parentId: operational.id },
			{
				code: '1.1.1',
				title: 'Działanie',
				description: null
			}
		);
		expect(task.level).toBe('task');
		const events = await t.db
			.selectFrom('event')
			.selectAll()
			.where('entityId', '=', task.id)
			.where('entityType', '=', 'goal')
			.execute();
		expect(events.map((e) => e.type)).toEqual(['goal.created']);
		await expect(
			createGoal(
				t.db,
				coordinator,
				{ strategyId, parentId: task.id },
				{ code: '1.1.1.1', title: 'x', description: null }
			)
		).rejects.toBeInstanceOf(ConflictError);
	});

	it('refuses a taken code and a member who is not a coordinator, writing nothing', async () => {
		const { strategyId, strategic } = await newStrategy('refusals');
		const goals = await countGoals(strategyId);
		const events = await countEvents();
		await expect(
			createGoal(
				t.db,
				coordinator,
				{ strategyId, parentId: strategic.id },
				{ code: '1.1', title: 'again', description: null }
			)
		).rejects.toBeInstanceOf(ValidationError);
		await expect(
			createGoal(
				t.db,
				member,
				{ strategyId, parentId: strategic.id },
				{ code: '1.2', title: 'x', description: null }
			)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			updateGoal(t.db, member, strategic.id, { code: '1', title: 'y', description: null })
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await countGoals(strategyId)).toBe(goals);
		expect(await countEvents()).toBe(events);
	});

	it('edits and reorders goals', async () => {
		const { strategyId, strategic, operational } = await newStrategy('reorder');
		const second = await createGoal(
			t.db,
			coordinator,
			{ strategyId, parentId: strategic.id },
			{ code: '1.2', title: 'B', description: null }
		);
		await moveGoal(t.db, coordinator, second.id, 'up');
		const order = await t.db
			.selectFrom('goal')
			.select('id')
			.where('parentId', '=', strategic.id)
			.orderBy('position')
			.execute();
		expect(order.map((g) => g.id)).toEqual([second.id, operational.id]);
		await updateGoal(t.db, coordinator, second.id, {
			code: '1.2',
			title: 'B (nowa nazwa)',
			description: 'Opis'
		});
		const row = await t.db
			.selectFrom('goal')
			.selectAll()
			.where('id', '=', second.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ title: 'B (nowa nazwa)', description: 'Opis' });
	});

	it('refuses to remove a goal while cards link to it or goals hang under it', async () => {
		const { strategyId, strategic, operational } = await newStrategy('removal');
		await expect(deleteGoal(t.db, coordinator, strategic.id)).rejects.toBeInstanceOf(ConflictError);

		const org = await t.db
			.insertInto('organization')
			.values({ name: 'Org removal', kind: 'ngo' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const board = await t.db
			.insertInto('board')
			.values({ title: 'B', ownerOrganizationId: org.id, strategyId })
			.returning('id')
			.executeTakeFirstOrThrow();
		const column = await t.db
			.insertInto('boardColumn')
			.values({ boardId: board.id, title: 'Todo', status: 'todo', position: 'a0' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const card = await t.db
			.insertInto('card')
			.values({
				boardId: board.id,
				columnId: column.id,
				goalId: operational.id,
				title: 'Karta',
				position: 'a0'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await expect(deleteGoal(t.db, coordinator, operational.id)).rejects.toMatchObject({
			key: 'goal_has_cards'
		});

		await t.db.deleteFrom('card').where('id', '=', card.id).execute();
		await deleteGoal(t.db, coordinator, operational.id);
		expect(await countGoals(strategyId)).toBe(1);
	});
});

describe('outline import', () => {
	const outline = `1.1.1. Pierwsze zadanie,
zawinięte w dwóch wierszach
1.1.2. Drugie zadanie
tekst bez numeru? nie – to ciąg dalszy drugiego
1.1.3. Trzecie zadanie`;

	it('previews the tasks it would create, then creates them all at once', async () => {
		const { strategyId, operational } = await newStrategy('outline');
		const preview = await previewOutline(t.db, coordinator, operational.id, outline);
		expect(preview.items.map((i) => [i.code, i.title, i.taken])).toEqual([
			['1.1.1', 'Pierwsze zadanie, zawinięte w dwóch wierszach', false],
			['1.1.2', 'Drugie zadanie tekst bez numeru? nie – to ciąg dalszy drugiego', false],
			['1.1.3', 'Trzecie zadanie', false]
		]);
		expect(await countGoals(strategyId)).toBe(2); // a preview writes nothing

		const created = await importOutline(t.db, coordinator, operational.id, outline);
		expect(created).toHaveLength(3);
		const tasks = await t.db
			.selectFrom('goal')
			.select(['code', 'level', 'parentId'])
			.where('strategyId', '=', strategyId)
			.where('level', '=', 'task')
			.orderBy('position')
			.execute();
		expect(tasks.map((g) => g.code)).toEqual(['1.1.1', '1.1.2', '1.1.3']);
		expect(tasks.every((g) => g.parentId === operational.id)).toBe(true);

		// The same outline again: every code is taken, nothing is written.
		const again = await previewOutline(t.db, coordinator, operational.id, outline);
		expect(again.items.every((i) => i.taken)).toBe(true);
		await expect(importOutline(t.db, coordinator, operational.id, outline)).rejects.toBeInstanceOf(
			ValidationError
		);
		expect(await countGoals(strategyId)).toBe(5);
	});

	it('points out lines it cannot read and refuses an outline with nothing to import', async () => {
		const { operational } = await newStrategy('outline-problems');
		const preview = await previewOutline(
			t.db,
			coordinator,
			operational.id,
			'wstęp bez numeru\n1.2.1. Zły cel\n1.1.1. Dobre'
		);
		expect(preview.items.map((i) => i.code)).toEqual(['1.1.1']);
		expect(preview.problems.map((p) => [p.line, p.reason])).toEqual([
			[1, 'not_numbered'],
			[2, 'wrong_parent']
		]);
		await expect(
			importOutline(t.db, coordinator, operational.id, 'nic tu nie ma')
		).rejects.toBeInstanceOf(ValidationError);
		await expect(previewOutline(t.db, member, operational.id, '1.1.1. x')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
