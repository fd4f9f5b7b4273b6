import { describe, expect, it } from 'vitest';
import {
	countsByGoal,
	emptyCounts,
	goalStatus,
	progressOf,
	rollUpProgress,
	statusesOf,
	type StatusCounts
} from './progress';

// area 1 → strategic 2 → operational 3 → tasks 4 and 5; strategic 6 has nothing under it.
const goals = [
	{ id: 1, parentId: null },
	{ id: 2, parentId: 1 },
	{ id: 3, parentId: 2 },
	{ id: 4, parentId: 3 },
	{ id: 5, parentId: 3 },
	{ id: 6, parentId: 1 }
];
const counts = (c: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...c });

describe('progressOf', () => {
	it('gives done of total and a whole percent', () => {
		expect(progressOf(counts({ todo: 5, done: 3 }))).toEqual({ done: 3, total: 8, percent: 37 });
		expect(progressOf(counts({ done: 2 }))).toEqual({ done: 2, total: 2, percent: 100 });
	});

	it('has no percent without cards, instead of dividing by zero', () => {
		expect(progressOf(emptyCounts())).toEqual({ done: 0, total: 0, percent: null });
	});

	it('does not count overdue cards twice in the total', () => {
		expect(progressOf(counts({ todo: 1, blocked: 1, overdue: 2 })).total).toBe(2);
	});

	it('shows 100% only when every card is done', () => {
		expect(progressOf(counts({ todo: 1, done: 199 })).percent).toBe(99);
	});
});

describe('countsByGoal', () => {
	it('pivots rows into counts per goal, numbers given as strings included', () => {
		const byGoal = countsByGoal([
			{ goalId: 4, status: 'todo', count: 2, overdue: 1 },
			{ goalId: 4, status: 'done', count: '3' as unknown as number, overdue: 0 },
			{ goalId: 5, status: 'blocked', count: 1, overdue: '1' as unknown as number }
		]);
		expect(byGoal.get(4)).toEqual(counts({ todo: 2, done: 3, overdue: 1 }));
		expect(byGoal.get(5)).toEqual(counts({ blocked: 1, overdue: 1 }));
		expect(byGoal.has(3)).toBe(false);
	});
});

describe('rollUpProgress', () => {
	const own = new Map([
		[4, counts({ todo: 2, done: 1, overdue: 1 })],
		[5, counts({ in_progress: 1, blocked: 1, done: 2 })],
		[3, counts({ done: 1 })]
	]);
	const result = rollUpProgress(goals, own);

	it('keeps each goal’s own counts', () => {
		expect(result.get(4)!.own).toEqual(counts({ todo: 2, done: 1, overdue: 1 }));
		expect(result.get(3)!.own).toEqual(counts({ done: 1 }));
		expect(result.get(2)!.own).toEqual(emptyCounts());
	});

	it('sums tasks into the operational, strategic and area goals above them', () => {
		const sum = counts({ todo: 2, in_progress: 1, blocked: 1, done: 4, overdue: 1 });
		expect(result.get(3)!.subtree).toEqual(sum);
		expect(result.get(2)!.subtree).toEqual(sum);
		expect(result.get(1)!.subtree).toEqual(sum);
		expect(result.get(1)!.progress).toEqual({ done: 4, total: 8, percent: 50 });
		expect(result.get(4)!.progress).toEqual({ done: 1, total: 3, percent: 33 });
	});

	it('leaves a goal with no cards under it without progress', () => {
		expect(result.get(6)).toEqual({
			own: emptyCounts(),
			subtree: emptyCounts(),
			progress: { done: 0, total: 0, percent: null }
		});
	});

	it('gives every goal an entry, and ignores counts of goals it was not given', () => {
		const other = rollUpProgress(goals, new Map([[99, counts({ done: 5 })]]));
		expect([...other.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
		expect(other.get(1)!.progress.total).toBe(0);
	});

	it('stops at a cycle in bad data instead of looping', () => {
		const cyclic = [
			{ id: 1, parentId: 2 },
			{ id: 2, parentId: 1 }
		];
		const looped = rollUpProgress(cyclic, new Map([[1, counts({ done: 1 })]]));
		expect(looped.get(1)!.subtree.done).toBe(1);
		expect(looped.get(2)!.subtree.done).toBe(1);
	});
});

describe('goalStatus', () => {
	it('judges by the share of open cards blocked or overdue', () => {
		expect(goalStatus(counts({}), [])).toBe('no_data');
		expect(goalStatus(counts({ todo: 9, done: 5 }), [])).toBe('on_track');
		// 1 of 10 open cards blocked: 10 % is at risk.
		expect(goalStatus(counts({ todo: 9, blocked: 1 }), [])).toBe('at_risk');
		expect(goalStatus(counts({ todo: 19, blocked: 1 }), [])).toBe('on_track');
		// 3 of 10 open: off track; a card both blocked and overdue counts once at most.
		expect(goalStatus(counts({ todo: 7, blocked: 3 }), [])).toBe('off_track');
		expect(goalStatus(counts({ todo: 1, blocked: 1, overdue: 2 }), [])).toBe('off_track');
		expect(goalStatus(counts({ done: 4 }), [])).toBe('on_track');
	});

	it('and by indicators behind their straight path', () => {
		const cardsFine = counts({ todo: 10 });
		expect(goalStatus(cardsFine, [{ progress: 50, expected: 50 }])).toBe('on_track');
		expect(goalStatus(cardsFine, [{ progress: 40, expected: 50 }])).toBe('at_risk');
		expect(goalStatus(cardsFine, [{ progress: 20, expected: 50 }])).toBe('off_track');
		expect(goalStatus(counts({}), [{ progress: 60, expected: 50 }])).toBe('on_track');
		expect(goalStatus(counts({}), [{ progress: null, expected: 50 }])).toBe('no_data');
	});

	it('rolls indicators up to the goals above theirs', () => {
		const progress = rollUpProgress(goals, new Map([[4, counts({ todo: 10 })]]));
		const statuses = statusesOf(goals, progress, [{ goalId: 3, progress: 10, expected: 50 }]);
		expect(statuses.get(4)).toBe('on_track');
		expect(statuses.get(3)).toBe('off_track');
		expect(statuses.get(1)).toBe('off_track');
		expect(statuses.get(6)).toBe('no_data');
	});
});
