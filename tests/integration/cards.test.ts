import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import { listBoards } from '../../src/lib/server/boards/service';
import { getBoard } from '../../src/lib/server/cards/lists';
import {
	createCard,
	getCard,
	moveCard,
	setArchived,
	updateCard
} from '../../src/lib/server/cards/service';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/errors';
import {
	countRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let other: Awaited<ReturnType<typeof makeStrategy>>;
let board: Awaited<ReturnType<typeof makeBoard>>;
let joint: Awaited<ReturnType<typeof makeBoard>>;
const people: Record<string, Actor> = {};
const cards: Record<string, { id: number; version: number }> = {};

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
	people.muniX = await makePerson(t.db, 'member', [[muniX.id, 'member']]);
	board = await makeBoard(t.db, dept.id, s.id);
	joint = await makeBoard(t.db, county.id, s.id, [muniX.id, muniY.id]);
	const [todo, doing] = board.columns;
	cards.c1 = await makeCard(t.db, board, todo, dept.id, [ngoA.id], { goalId: s.task.id });
	cards.c2 = await makeCard(t.db, board, todo, dept.id);
	cards.c3 = await makeCard(t.db, board, doing, dept.id);
	cards.j1 = await makeCard(t.db, joint, joint.columns[0], county.id, [muniX.id]);
	cards.j2 = await makeCard(t.db, joint, joint.columns[0], muniY.id);
});
afterAll(() => t.destroy());

const titlesOn = async (who: Actor, boardId: number) =>
	(await getBoard(t.db, who, boardId)).tiles.map((c) => c.id);
const current = async (id: number) =>
	t.db.selectFrom('card').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const columnOrder = async (columnId: number) =>
	(
		await t.db
			.selectFrom('card')
			.select('id')
			.where('columnId', '=', columnId)
			.where('archivedAt', 'is', null)
			.orderBy('position')
			.execute()
	).map((r) => r.id);

describe('who sees which board and card', () => {
	it('shows the owner every card, a partner only its own, and an outsider nothing', async () => {
		expect(await titlesOn(people.dept!, board.id)).toHaveLength(3);
		expect(await titlesOn(people.ngoA!, board.id)).toEqual([cards.c1!.id]);
		await expect(getBoard(t.db, people.ngoB!, board.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getCard(t.db, people.ngoB!, cards.c1!.id)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getCard(t.db, people.ngoA!, cards.c2!.id)).rejects.toBeInstanceOf(NotFoundError);
		expect((await listBoards(t.db, people.ngoA!)).map((b) => b.id)).toContain(board.id);
		expect((await listBoards(t.db, people.ngoB!)).map((b) => b.id)).not.toContain(board.id);
	});

	it('hides the cards of other participants on a joint board', async () => {
		expect(await titlesOn(people.muniX!, joint.id)).toEqual([cards.j1!.id]);
		await expect(getCard(t.db, people.muniX!, cards.j2!.id)).rejects.toBeInstanceOf(NotFoundError);
		const listed = (await listBoards(t.db, people.muniX!)).find((b) => b.id === joint.id);
		expect(listed?.cardCount).toBe(1); // the count does not leak the hidden card
		expect(await titlesOn(people.coordinator!, joint.id)).toHaveLength(2);
	});

	it('shows a card with its goal chain, strategic goal first', async () => {
		const { chain, canEdit, canMove } = await getCard(t.db, people.ngoA!, cards.c1!.id);
		expect(chain.map((g) => g.code)).toEqual(['1', '1.1', '1.1.1']);
		expect([canEdit, canMove]).toEqual([false, true]);
	});
});

describe('moving cards', () => {
	it('reorders within a column and moves between columns, one row and one event each', async () => {
		const [todo, doing] = board.columns;
		const events = await countRows(t.db, 'event');
		const c2 = await current(cards.c2!.id);
		await moveCard(t.db, people.dept!, c2.id, {
			columnId: todo,
			afterId: undefined,
			version: c2.version,
			confirmWip: false
		});
		expect(await columnOrder(todo)).toEqual([cards.c2!.id, cards.c1!.id]);
		const c1 = await current(cards.c1!.id);
		// A partner may move the card it takes part in (to the top: it sees no other card there).
		await moveCard(t.db, people.ngoA!, c1.id, {
			columnId: doing,
			afterId: undefined,
			version: c1.version,
			confirmWip: false
		});
		expect(await columnOrder(doing)).toEqual([cards.c1!.id, cards.c3!.id]);
		expect((await current(c1.id)).version).toBe(c1.version + 1);
		expect(await countRows(t.db, 'event')).toBe(events + 2);
		// And back after c3, as its department (which sees c3) would place it.
		await moveCard(t.db, people.dept!, c1.id, {
			columnId: doing,
			afterId: cards.c3!.id,
			version: c1.version + 1,
			confirmWip: false
		});
		expect(await columnOrder(doing)).toEqual([cards.c3!.id, cards.c1!.id]);
	});

	it('answers a card the mover may not see as a missing one, in its real column or not', async () => {
		const [todo, doing] = board.columns;
		const c1 = await current(cards.c1!.id);
		const events = await countRows(t.db, 'event');
		// c3 (in `doing`) is hidden from the partner ngoA; 999999 does not exist.
		const refusal = async (columnId: number, afterId: number) => {
			try {
				await moveCard(t.db, people.ngoA!, c1.id, {
					columnId,
					afterId,
					version: c1.version,
					confirmWip: false
				});
				return 'moved';
			} catch (error) {
				return `${(error as Error).constructor.name} ${(error as { key?: string }).key}`;
			}
		};
		const answers = [
			await refusal(doing, cards.c3!.id),
			await refusal(todo, cards.c3!.id),
			await refusal(doing, 999999),
			await refusal(todo, 999999)
		];
		expect(answers).toEqual(Array(4).fill('ValidationError card_after_other_column'));
		expect(await current(c1.id)).toEqual(c1);
		expect(await countRows(t.db, 'event')).toBe(events);
	});

	it('refuses a stale version, a foreign column and a neighbour elsewhere, changing nothing', async () => {
		const c2 = await current(cards.c2!.id);
		const events = await countRows(t.db, 'event');
		const attempts = [
			[{ columnId: board.columns[1], version: c2.version - 1 }, ConflictError],
			[{ columnId: joint.columns[1], version: c2.version }, ValidationError],
			[{ columnId: board.columns[3], afterId: cards.c3!.id, version: c2.version }, ValidationError],
			[{ columnId: board.columns[0], afterId: c2.id, version: c2.version }, ValidationError]
		] as const;
		for (const [input, kind] of attempts) {
			await expect(
				moveCard(t.db, people.dept!, c2.id, { afterId: undefined, confirmWip: false, ...input })
			).rejects.toBeInstanceOf(kind);
		}
		await expect(
			moveCard(t.db, people.ngoA!, c2.id, {
				columnId: board.columns[1],
				afterId: undefined,
				version: c2.version,
				confirmWip: false
			})
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await current(c2.id)).toEqual(c2);
		expect(await countRows(t.db, 'event')).toBe(events);
	});

	it('asks before moving into a column at its WIP limit', async () => {
		const doing = board.columns[1];
		await t.db.updateTable('boardColumn').set({ wipLimit: 2 }).where('id', '=', doing).execute();
		const c2 = await current(cards.c2!.id);
		const move = (confirmWip: boolean) =>
			moveCard(t.db, people.dept!, c2.id, {
				columnId: doing,
				afterId: undefined,
				version: c2.version,
				confirmWip
			});
		await expect(move(false)).rejects.toMatchObject({
			key: 'card_wip_limit',
			params: { limit: 2 }
		});
		await move(true);
		expect(await columnOrder(doing)).toEqual([cards.c2!.id, cards.c3!.id, cards.c1!.id]);
	});
});

describe('editing cards', () => {
	const fields = {
		description: '',
		priority: 'normal' as const,
		labels: [],
		startDate: null,
		dueDate: null,
		isPublic: false
	};

	it('saves an edit of the current version and records what changed', async () => {
		const c3 = await current(cards.c3!.id);
		await updateCard(t.db, people.dept!, c3.id, {
			...fields,
			title: 'Nowy tytuł',
			goalId: s.task2.id,
			labels: ['kampania'],
			version: c3.version
		});
		const after = await current(c3.id);
		expect(after).toMatchObject({
			title: 'Nowy tytuł',
			goalId: s.task2.id,
			labels: ['kampania'],
			version: c3.version + 1
		});
		const event = await t.db
			.selectFrom('event')
			.selectAll()
			.where('cardId', '=', c3.id)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(event.type).toBe('card.updated');
		expect(event.payload).toMatchObject({ changed: ['title', 'goalId', 'labels'] });
	});

	it('refuses a stale edit, a goal of another strategy or level, and a partner, writing nothing', async () => {
		const c1 = await current(cards.c1!.id);
		const events = await countRows(t.db, 'event');
		const edit = (who: Actor, patch: object) =>
			updateCard(t.db, who, c1.id, {
				...fields,
				title: 'x',
				goalId: s.task.id,
				version: c1.version,
				...patch
			});
		await expect(edit(people.dept!, { version: c1.version - 1 })).rejects.toMatchObject({
			key: 'card_stale'
		});
		await expect(edit(people.dept!, { goalId: other.task.id })).rejects.toMatchObject({
			key: 'card_goal_other_strategy'
		});
		await expect(edit(people.dept!, { goalId: s.strategic.id })).rejects.toMatchObject({
			key: 'card_goal_level'
		});
		await expect(edit(people.ngoA!, {})).rejects.toBeInstanceOf(ForbiddenError);
		expect(await current(c1.id)).toEqual(c1);
		expect(await countRows(t.db, 'event')).toBe(events);
	});

	it('archives a card off the board and restores it', async () => {
		const c3 = await current(cards.c3!.id);
		await setArchived(t.db, people.dept!, c3.id, { version: c3.version, archived: true });
		expect(await titlesOn(people.dept!, board.id)).not.toContain(c3.id);
		await setArchived(t.db, people.dept!, c3.id, { version: c3.version + 1, archived: false });
		expect(await titlesOn(people.dept!, board.id)).toContain(c3.id);
	});

	it('creates a card at the end of a column, led by the creator’s organisation', async () => {
		const input = {
			...fields,
			title: 'Nowa karta',
			goalId: s.operational.id,
			columnId: board.columns[0],
			leadId: undefined
		};
		const created = await createCard(t.db, people.dept!, board.id, input);
		expect((await columnOrder(board.columns[0])).at(-1)).toBe(created.id);
		const { card } = await getCard(t.db, people.dept!, created.id);
		expect(card.orgs.map((o) => o.role)).toEqual(['lead']);
		await expect(createCard(t.db, people.ngoB!, board.id, input)).rejects.toBeInstanceOf(
			NotFoundError
		);
		// A partner sees the board through its card, but may not add cards to it.
		await expect(createCard(t.db, people.ngoA!, board.id, input)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(
			createCard(t.db, people.dept!, board.id, { ...input, columnId: joint.columns[0] })
		).rejects.toBeInstanceOf(ValidationError);
	});

	it('makes one card of a quick add sent twice with the same key', async () => {
		const clientKey = '3b2a1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
		const input = {
			...fields,
			title: 'Dwa razy wysłana',
			goalId: s.operational.id,
			columnId: board.columns[0],
			leadId: undefined,
			clientKey
		};
		const first = await createCard(t.db, people.dept!, board.id, input);
		const counts = async () => ({
			cards: await countRows(t.db, 'card'),
			events: await countRows(t.db, 'event'),
			notifications: await countRows(t.db, 'notification')
		});
		const after = await counts();
		// The connection broke after the save; the browser sends the same form again.
		const again = await createCard(t.db, people.dept!, board.id, input);
		expect(again.id).toBe(first.id);
		expect(await counts()).toEqual(after);
		// A new key (the title typed anew) is a new card; another person's key is their own.
		const other = await createCard(t.db, people.dept!, board.id, {
			...input,
			clientKey: '7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d'
		});
		expect(other.id).not.toBe(first.id);
		// The same key on another board is not this card: refused, nothing written.
		const { ownerOrganizationId: dept } = await t.db
			.selectFrom('board')
			.select('ownerOrganizationId')
			.where('id', '=', board.id)
			.executeTakeFirstOrThrow();
		const second = await makeBoard(t.db, dept, s.id);
		const before = await counts();
		await expect(
			createCard(t.db, people.dept!, second.id, { ...input, columnId: second.columns[0] })
		).rejects.toBeInstanceOf(ConflictError);
		expect(await counts()).toEqual(before);
	});
});
