import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import { publicProgress } from '../../src/lib/server/public/service';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The public progress page's data, on the demo data: the current strategy's tree with progress,
// the cards marked public and nothing that names a person.

let t: TestDatabase;
let page: NonNullable<Awaited<ReturnType<typeof publicProgress>>>;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDatabase(t.db, { demo: true });
	page = (await publicProgress(t.db))!;
});

afterAll(() => t.destroy());

type Node = (typeof page.tree)[number];
const flatten = (nodes: Node[]): Node[] =>
	nodes.flatMap((n) => [n, ...flatten(n.children as Node[])]);

describe('the public progress page', () => {
	it('shows the current city strategy with progress and a status on its goals', () => {
		expect(page.strategy.title).toMatch(/2028/);
		const goals = flatten(page.tree);
		expect(goals.length).toBeGreaterThan(50);
		const judged = goals.filter((g) => g.progress?.status && g.progress.status !== 'no_data');
		expect(judged.length).toBeGreaterThan(0);
	});

	it('lists the cards marked public, and only those', async () => {
		const shown = flatten(page.tree).flatMap((g) => g.cards.map((c) => c.id));
		const marked = await t.db
			.selectFrom('card')
			.innerJoin('board', 'board.id', 'card.boardId')
			.innerJoin('strategy', 'strategy.id', 'board.strategyId')
			.select('card.id')
			.where('card.isPublic', '=', true)
			.where('card.archivedAt', 'is', null)
			.where('strategy.status', '=', 'current')
			.where('strategy.owner', '=', 'city')
			.execute();
		expect(marked.length).toBeGreaterThan(0);
		// A public card without a goal would have no place in the tree; the demo's all have one.
		expect(shown.sort()).toEqual(marked.map((c) => c.id).sort());
	});

	it('contains no personal data: no person’s name or e-mail address', async () => {
		const text = JSON.stringify(page);
		const people = await t.db.selectFrom('user').select(['name', 'email']).execute();
		expect(people.length).toBeGreaterThan(3);
		for (const person of people) {
			expect(text).not.toContain(person.name);
			expect(text).not.toContain(person.email);
		}
	});
});
