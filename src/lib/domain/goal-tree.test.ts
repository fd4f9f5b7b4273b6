import { describe, expect, it } from 'vitest';
import {
	ancestors,
	buildTree,
	childLevel,
	compareCodes,
	nextChildCode,
	type GoalRow,
	inTreeOrder,
	groupedInTreeOrder
} from './goal-tree';

const row = (id: number, parentId: number | null, code: string | null, position = 0): GoalRow => ({
	id,
	parentId,
	code,
	position,
	level: parentId === null ? 'strategic' : 'operational',
	title: `Goal ${code}`
});

describe('goal tree', () => {
	it('nests rows under their parents and orders siblings by position, then code', () => {
		const tree = buildTree([
			row(3, 1, '1.10'),
			row(2, 1, '1.9'),
			row(1, null, '1'),
			row(4, null, '2')
		]);
		expect(tree.map((n) => n.code)).toEqual(['1', '2']);
		expect(tree[0]!.children.map((n) => n.code)).toEqual(['1.9', '1.10']);
	});

	it('lists ancestors from the top down', () => {
		const rows = [row(1, null, '1'), row(2, 1, '1.1'), row(3, 2, '1.1.1')];
		expect(ancestors(rows, 3).map((r) => r.code)).toEqual(['1', '1.1']);
		expect(ancestors(rows, 1)).toEqual([]);
	});

	it('compares codes number by number', () => {
		expect(compareCodes('1.10', '1.9')).toBeGreaterThan(0);
		expect(compareCodes('2', '1.1')).toBeGreaterThan(0);
		expect(compareCodes('1.1', '1.1.1')).toBeLessThan(0);
	});

	it('suggests the next free child code', () => {
		expect(nextChildCode('1.2', ['1.2.1', '1.2.2'])).toBe('1.2.3');
		expect(nextChildCode('1.2', [])).toBe('1.2.1');
		expect(nextChildCode(null, ['1', '2'])).toBe('3');
	});

	it('knows which level goes under which', () => {
		expect(childLevel(null, true)).toBe('area');
		expect(childLevel(null, false)).toBe('strategic');
		expect(childLevel('area', true)).toBe('strategic');
		expect(childLevel('operational', true)).toBe('task');
		expect(childLevel('task', true)).toBeNull();
	});
});

describe('inTreeOrder', () => {
	it('lists each goal before the goals under it, siblings by position', () => {
		const rows = [
			{ id: 3, parentId: 1, level: 'operational' as const, code: '1.2', title: 'b', position: 1 },
			{ id: 1, parentId: null, level: 'strategic' as const, code: '1', title: 'a', position: 0 },
			{ id: 4, parentId: 2, level: 'task' as const, code: '1.1.1', title: 'd', position: 0 },
			{ id: 2, parentId: 1, level: 'operational' as const, code: '1.1', title: 'c', position: 0 }
		];
		expect(inTreeOrder(rows).map((r) => r.code)).toEqual(['1', '1.1', '1.1.1', '1.2']);
	});
});

describe('groupedInTreeOrder', () => {
	it('keeps each group together, whatever order the rows come in', () => {
		const row = (id: number, group: string, code: string) => ({
			id,
			parentId: null,
			level: 'strategic' as const,
			code,
			title: code,
			position: 0,
			group
		});
		const rows = [row(1, 'A', '1'), row(2, 'B', '1'), row(3, 'A', '2')];
		const groups = groupedInTreeOrder(rows, (r) => r.group);
		expect(groups.map((g) => [g.title, g.goals.map((r) => r.id)])).toEqual([
			['A', [1, 3]],
			['B', [2]]
		]);
	});
});
