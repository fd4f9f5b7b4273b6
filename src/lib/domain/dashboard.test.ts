import { describe, expect, it } from 'vitest';
import {
	byGoal,
	byOrganization,
	doneByMonth,
	lineageOf,
	summarize,
	type DashboardCard
} from './dashboard';

// A fixture tree with known answers: area A holds strategic goals 1 and 2; 1.1 and its task 1.1.1
// hang under 1; 2.1 under 2.

const goals = [
	{ id: 1, parentId: null, level: 'area' },
	{ id: 10, parentId: 1, level: 'strategic' },
	{ id: 11, parentId: 10, level: 'operational' },
	{ id: 111, parentId: 11, level: 'task' },
	{ id: 20, parentId: 1, level: 'strategic' },
	{ id: 21, parentId: 20, level: 'operational' }
];

const card = (id: number, over: Partial<DashboardCard>): DashboardCard => ({
	id,
	goalId: 111,
	status: 'todo',
	overdue: false,
	leadId: 100,
	orgIds: [100],
	doneOn: null,
	...over
});

const cards = [
	card(1, { status: 'done', doneOn: '2025-11-20' }),
	card(2, { status: 'done', doneOn: '2026-02-03', orgIds: [100, 200] }),
	card(3, { status: 'done', doneOn: '2026-02-28', goalId: 21, leadId: 200, orgIds: [200] }),
	card(4, { status: 'blocked', overdue: true, orgIds: [100, 200] }),
	card(5, { status: 'in_progress', goalId: 11 }),
	card(6, { status: 'todo', overdue: true, goalId: 21, leadId: 200, orgIds: [200, 300] })
];

describe('lineageOf', () => {
	it('gives each goal itself and every goal above it', () => {
		const lineage = lineageOf(goals);
		expect([...lineage.get(111)!].sort()).toEqual([1, 10, 11, 111]);
		expect([...lineage.get(21)!].sort()).toEqual([1, 20, 21]);
		expect([...lineage.get(1)!]).toEqual([1]);
	});
});

describe('summarize', () => {
	it('counts cards by status, overdue, progress, activities and participants', () => {
		const s = summarize(
			cards,
			[
				{ goalId: 111, organizationId: 100, participants: 40 },
				{ goalId: 21, organizationId: 200, participants: null }
			],
			[]
		);
		expect(s.counts).toEqual({ todo: 1, in_progress: 1, blocked: 1, done: 3, overdue: 2 });
		expect(s.progress).toEqual({ done: 3, total: 6, percent: 50 });
		// Open: 3; blocked or overdue: card 4 (both, once) and card 6 = 2 of 3 → off track.
		expect(s.status).toBe('off_track');
		expect(s.activities).toBe(2);
		expect(s.participants).toBe(40);
	});

	it('says "no data" for nothing at all', () => {
		expect(summarize([], [], []).status).toBe('no_data');
	});
});

describe('byGoal', () => {
	it('gives each goal the cards, activities and indicators under it', () => {
		const rows = byGoal(
			[
				{ id: 10, code: '1' },
				{ id: 20, code: '2' }
			],
			lineageOf(goals),
			cards,
			[{ goalId: 21, organizationId: 200, participants: 12 }],
			[{ goalId: 11, responsibleOrganizationId: null, progress: 10, expected: 50 }]
		);
		expect(rows.map((r) => [r.code, r.progress.done, r.progress.total])).toEqual([
			['1', 2, 4],
			['2', 1, 2]
		]);
		// Goal 1: open cards 4 and 5, card 4 blocked and overdue: 50 % → off track; and its
		// indicator is 40 points behind its path, which alone would be off track too.
		expect(rows[0]!.status).toBe('off_track');
		expect(rows[1]!.activities).toBe(1);
		expect(rows[1]!.participants).toBe(12);
	});

	it('counts a goal’s own cards and its sub-goals’ in the rows of a goal and its children', () => {
		const rows = byGoal([{ id: 11 }, { id: 111 }], lineageOf(goals), cards, [], []);
		// 1.1 holds card 5 itself and cards 1, 2 and 4 through its task.
		expect(rows.map((r) => r.progress.total)).toEqual([4, 3]);
	});
});

describe('byOrganization', () => {
	it('counts a card in the row of every organisation taking part, and the ones it leads', () => {
		const rows = byOrganization(
			[
				{ id: 100, name: 'Wydział' },
				{ id: 200, name: 'NGO' },
				{ id: 300, name: 'Gmina' },
				{ id: 400, name: 'Nikt' }
			],
			cards,
			[],
			[]
		);
		expect(rows.map((r) => [r.name, r.progress.total, r.lead, r.progress.done])).toEqual([
			['Wydział', 4, 4, 2],
			['NGO', 4, 2, 2],
			['Gmina', 1, 0, 0]
		]);
	});
});

describe('doneByMonth', () => {
	it('counts cards done per month of a past year, starting from those done before it', () => {
		const points = doneByMonth(cards, 2026, '2027-03-01');
		expect(points).toHaveLength(12);
		expect(points[0]).toEqual({ month: '2026-01', done: 0, cumulative: 1 });
		expect(points[1]).toEqual({ month: '2026-02', done: 2, cumulative: 3 });
		expect(points[11]).toEqual({ month: '2026-12', done: 0, cumulative: 3 });
	});

	it('stops at the current month of the current year, and has nothing for a future year', () => {
		expect(doneByMonth(cards, 2026, '2026-03-15').map((p) => p.month)).toEqual([
			'2026-01',
			'2026-02',
			'2026-03'
		]);
		expect(doneByMonth(cards, 2027, '2026-03-15')).toEqual([]);
	});
});
