import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnFieldsSchema } from '../../src/lib/schemas/columns';
import type { Actor } from '../../src/lib/server/auth/policy';
import {
	addColumn,
	getColumnSettings,
	moveColumn,
	removeColumn,
	updateColumn
} from '../../src/lib/server/boards/columns';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/errors';
import {
	countColumnRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let dept: { id: number };
let ngo: { id: number };
const people: Record<string, Actor> = {};
const fields = { title: 'Nowa', status: 'todo' as const, wipLimit: null };

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	dept = await makeOrg(t.db, 'city_department');
	ngo = await makeOrg(t.db, 'ngo');
	people.manager = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	people.member = await makePerson(t.db, 'member', [[dept.id, 'member']]);
	people.partner = await makePerson(t.db, 'member', [[ngo.id, 'manager']]);
	people.outsider = await makePerson(t.db, 'member');
	people.coordinator = await makePerson(t.db, 'coordinator');
});
afterAll(() => t.destroy());

const columnsOf = (boardId: number) =>
	t.db
		.selectFrom('boardColumn')
		.select(['id', 'title', 'status', 'wipLimit', 'position'])
		.where('boardId', '=', boardId)
		.orderBy('position')
		.execute();
const ids = async (boardId: number) => (await columnsOf(boardId)).map((c) => c.id);
const cardsIn = (columnId: number) =>
	t.db
		.selectFrom('card')
		.select(['id', 'version', 'archivedAt'])
		.where('columnId', '=', columnId)
		.orderBy('position')
		.execute();
const lastEvent = () =>
	t.db.selectFrom('event').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();

describe('adding and editing columns', () => {
	it('adds a column at the right end and records it', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const added = await addColumn(t.db, people.manager!, board.id, {
			title: 'Odłożone',
			status: 'blocked',
			wipLimit: 3
		});
		expect(await ids(board.id)).toEqual([...board.columns, added.id]);
		expect(await lastEvent()).toMatchObject({
			type: 'column.created',
			entityType: 'column',
			entityId: added.id,
			boardId: board.id
		});
	});

	it('renames a column, changes its status and WIP limit, and clears the limit', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const col = board.columns[1];
		await updateColumn(t.db, people.coordinator!, board.id, col, {
			title: 'W toku',
			status: 'blocked',
			wipLimit: 5
		});
		expect((await columnsOf(board.id))[1]).toMatchObject({
			title: 'W toku',
			status: 'blocked',
			wipLimit: 5
		});
		expect((await lastEvent()).payload).toMatchObject({ changed: ['title', 'status', 'wipLimit'] });
		await updateColumn(t.db, people.manager!, board.id, col, {
			title: 'W toku',
			status: 'in_progress',
			wipLimit: null
		});
		expect((await columnsOf(board.id))[1]).toMatchObject({ status: 'in_progress', wipLimit: null });
	});

	it('refuses a name another column of the board has, and a column of another board', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const other = await makeBoard(t.db, dept.id, s.id);
		const before = await countColumnRows(t.db);
		await expect(
			addColumn(t.db, people.manager!, board.id, { ...fields, title: 'DONE' })
		).rejects.toMatchObject({ key: 'columns_title_taken' });
		await expect(
			updateColumn(t.db, people.manager!, board.id, other.columns[0], fields)
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await countColumnRows(t.db)).toEqual(before);
	});

	it('parses the WIP limit as typed: empty is none, else a whole number from 1 to 999', () => {
		const wip = (wipLimit: string) =>
			columnFieldsSchema.safeParse({ title: ' A ', status: 'done', wipLimit });
		expect(wip('').data).toEqual({ title: 'A', status: 'done', wipLimit: null });
		expect(wip(' 12 ').data?.wipLimit).toBe(12);
		for (const bad of ['0', '1000', '2.5', '1e2', '-3', 'pięć'])
			expect(wip(bad).success, bad).toBe(false);
		expect(columnFieldsSchema.safeParse({ title: 'x'.repeat(61), status: 'todo' }).success).toBe(
			false
		);
	});
});

describe('reordering columns', () => {
	it('moves a column left and right, writing only its own row', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const [a, b, c, d] = board.columns;
		const before = await columnsOf(board.id);
		await moveColumn(t.db, people.manager!, board.id, c, 'left');
		expect(await ids(board.id)).toEqual([a, c, b, d]);
		const after = await columnsOf(board.id);
		expect(after.filter((col) => col.id !== c)).toEqual(before.filter((col) => col.id !== c));
		expect(await lastEvent()).toMatchObject({ type: 'column.moved', entityId: c });
		await moveColumn(t.db, people.manager!, board.id, a, 'right');
		expect(await ids(board.id)).toEqual([c, a, b, d]);
		await moveColumn(t.db, people.manager!, board.id, a, 'right');
		await moveColumn(t.db, people.manager!, board.id, a, 'right');
		expect(await ids(board.id)).toEqual([c, b, d, a]);
	});

	it('renumbers the board when neighbouring keys are equal', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const [a, b, c, d] = board.columns;
		await t.db
			.updateTable('boardColumn')
			.set({ position: 'a0' })
			.where('boardId', '=', board.id)
			.execute();
		await moveColumn(t.db, people.manager!, board.id, c, 'left');
		expect(await ids(board.id)).toEqual([a, c, b, d]);
		expect(new Set((await columnsOf(board.id)).map((col) => col.position)).size).toBe(4);
	});

	it('does nothing at either end', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const before = await countColumnRows(t.db);
		const result = await moveColumn(t.db, people.manager!, board.id, board.columns[0], 'left');
		await moveColumn(t.db, people.manager!, board.id, board.columns[3], 'right');
		expect(result).toMatchObject({ position: 1, count: 4 });
		expect(await ids(board.id)).toEqual(board.columns);
		expect(await countColumnRows(t.db)).toEqual(before);
	});
});

describe('removing columns', () => {
	it('moves every card to the end of the target in order, bumps versions, one event', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const [todo, doing] = board.columns;
		const kept = [await makeCard(t.db, board, doing, dept.id)];
		const moving = [];
		for (let i = 0; i < 3; i++) moving.push(await makeCard(t.db, board, todo, dept.id));
		// An archived card goes too: it keeps its place if it is ever restored.
		await t.db
			.updateTable('card')
			.set({ archivedAt: new Date() })
			.where('id', '=', moving[1]!.id)
			.execute();
		const before = await countColumnRows(t.db);
		const result = await removeColumn(t.db, people.manager!, board.id, todo, doing);
		expect(await ids(board.id)).toEqual(board.columns.slice(1));
		const now = await cardsIn(doing);
		expect(now.map((c) => c.id)).toEqual([...kept, ...moving].map((c) => c.id));
		expect(now.map((c) => c.version)).toEqual([1, 2, 2, 2]);
		expect(result.moved).toEqual(moving.map((c) => c.id));
		expect(await countColumnRows(t.db)).toEqual({
			...before,
			columns: before.columns - 1,
			events: before.events + 1
		});
		const { columns } = await getColumnSettings(t.db, people.manager!, board.id);
		expect(columns[0]).toMatchObject({ id: doing, liveCards: 3, archivedCards: 1 });
		expect(await lastEvent()).toMatchObject({
			type: 'column.removed',
			entityType: 'column',
			entityId: todo,
			boardId: board.id,
			payload: { targetColumnId: doing, cardIds: moving.map((c) => c.id) }
		});
	});

	it('refuses the last column, a target on another board and the column itself', async () => {
		const board = await makeBoard(t.db, dept.id, s.id);
		const other = await makeBoard(t.db, dept.id, s.id);
		const [a, b, c, d] = board.columns;
		await makeCard(t.db, board, a, dept.id);
		const before = await countColumnRows(t.db);
		await expect(
			removeColumn(t.db, people.manager!, board.id, a, other.columns[0])
		).rejects.toMatchObject({ key: 'columns_target_other_board' });
		await expect(removeColumn(t.db, people.manager!, board.id, a, a)).rejects.toBeInstanceOf(
			ValidationError
		);
		expect(await countColumnRows(t.db)).toEqual(before);
		for (const col of [a, b, c]) await removeColumn(t.db, people.manager!, board.id, col, d);
		expect(await ids(board.id)).toEqual([d]);
		await expect(removeColumn(t.db, people.manager!, board.id, d, a)).rejects.toBeInstanceOf(
			ConflictError
		);
		expect(await ids(board.id)).toEqual([d]);
	});
});

describe('who may manage columns', () => {
	it('refuses a member who is not a manager (403) and others (404), writing nothing', async () => {
		const board = await makeBoard(t.db, dept.id, s.id, [ngo.id]);
		const [a, b] = board.columns;
		await makeCard(t.db, board, a, dept.id);
		const snapshot = async () => ({
			counts: await countColumnRows(t.db),
			columns: await columnsOf(board.id),
			cards: await cardsIn(a)
		});
		const before = await snapshot();
		const calls = (who: Actor) => [
			() => getColumnSettings(t.db, who, board.id),
			() => addColumn(t.db, who, board.id, fields),
			() => updateColumn(t.db, who, board.id, a, fields),
			() => moveColumn(t.db, who, board.id, b, 'left'),
			() => removeColumn(t.db, who, board.id, a, b)
		];
		// A manager of a participating organisation sees the joint board but does not manage it.
		for (const [who, kind] of [
			[people.member!, ForbiddenError],
			[people.partner!, ForbiddenError],
			[people.outsider!, NotFoundError]
		] as const) {
			for (const call of calls(who)) await expect(call()).rejects.toBeInstanceOf(kind);
		}
		expect(await snapshot()).toEqual(before);
	});
});
