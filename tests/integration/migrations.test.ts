import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { migrateDown, migrateToLatest } from '../../src/lib/server/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe('migrations', () => {
	it('lists every file of db/migrations, in date order', () => {
		const files = fs
			.readdirSync('db/migrations')
			.filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
			.map((f) => f.replace(/\.ts$/, ''))
			.sort();
		expect(Object.keys(migrations)).toEqual(files);
		for (const name of files) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}_[a-z0-9_]+$/);
	});

	it('run down and up again, leaving the same tables', async () => {
		const tables = async () =>
			(await t.db.introspection.getTables()).map((table) => table.name).sort();
		const before = await tables();
		expect(before).toContain('event');
		for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(t.db);
		expect((await tables()).filter((n) => !n.startsWith('kysely_'))).toEqual([]);
		await migrateToLatest(t.db);
		expect(await tables()).toEqual(before);
	});

	it('let the constraints guard integrity', async () => {
		const strategy = await t.db
			.insertInto('strategy')
			.values({
				slug: 's',
				title: 'S',
				owner: 'city',
				periodStart: 2020,
				periodEnd: 2028,
				status: 'current'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const goal = { strategyId: strategy.id, level: 'strategic' as const, code: '1', title: 'A' };
		await t.db.insertInto('goal').values(goal).execute();
		// the same code twice in one strategy
		await expect(t.db.insertInto('goal').values(goal).execute()).rejects.toThrow();
		// an unknown level, a goal without a code
		await expect(
			t.db
				.insertInto('goal')
				.values({ ...goal, code: '2', level: 'mission' as 'task' })
				.execute()
		).rejects.toThrow();
		await expect(
			t.db
				.insertInto('goal')
				.values({ ...goal, code: null })
				.execute()
		).rejects.toThrow();
		// a period that ends before it starts
		await expect(
			t.db
				.insertInto('strategy')
				.values({
					slug: 'x',
					title: 'X',
					owner: 'city',
					periodStart: 2028,
					periodEnd: 2020,
					status: 'draft'
				})
				.execute()
		).rejects.toThrow();
	});
});
