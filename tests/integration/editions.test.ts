import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relinkSchema, relinkStampOf } from '../../src/lib/schemas/editions';
import type { Actor } from '../../src/lib/server/auth/policy';
import { setArchived } from '../../src/lib/server/cards/service';
import { editionMapping, goalSuccessor } from '../../src/lib/server/editions/mapping';
import { previewRelink, relink } from '../../src/lib/server/editions/service';
import { ConflictError, NotFoundError } from '../../src/lib/server/errors';
import {
	countRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Two editions of a strategy: the goal mapping between them, the successor a card of the earlier
// one is shown, and the re-link of the earlier edition's boards and cards in one step.

let t: TestDatabase;
let coordinator: Actor;

beforeAll(async () => {
	t = await createTestDatabase();
	coordinator = await makePerson(t.db, 'coordinator');
});
afterAll(() => t.destroy());

/**
 * An earlier edition (1 → 1.1 → 1.1.1, 1.1.2, and 1.2 with no successor) superseded by a later
 * one (1 → 1.1 → 1.1.1, 1.1.2). 1.1.1 continues as 1.1.2 and 1.1 as 1.1; 1.1.2 maps to the
 * strategic goal 1, which a card may not carry out, so for a card it has no successor either.
 * Two boards on the earlier edition with six cards; one board on the later edition.
 */
async function makeEditions() {
	const earlier = await makeStrategy(t.db);
	const later = await makeStrategy(t.db);
	await t.db
		.updateTable('strategy')
		.set({ status: 'superseded' })
		.where('id', '=', earlier.id)
		.execute();
	await t.db
		.updateTable('strategy')
		.set({ supersedesId: earlier.id })
		.where('id', '=', later.id)
		.execute();
	const unmapped = await t.db
		.insertInto('goal')
		.values({
			strategyId: earlier.id,
			parentId: earlier.strategic.id,
			level: 'operational',
			code: '1.2',
			title: 'Cel bez następcy',
			position: 1
		})
		.returning(['id', 'code'])
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('goalMapping')
		.values([
			{ fromGoalId: earlier.strategic.id, toGoalId: later.strategic.id, note: 'Bez zmian.' },
			{ fromGoalId: earlier.operational.id, toGoalId: later.operational.id, note: null },
			{ fromGoalId: earlier.task.id, toGoalId: later.task2.id, note: 'Przeniesione.' },
			{ fromGoalId: earlier.task2.id, toGoalId: later.strategic.id, note: 'Ogólniej.' }
		])
		.execute();
	const org = await makeOrg(t.db, 'city_department');
	const oldBoard = await makeBoard(t.db, org.id, earlier.id);
	const oldBoard2 = await makeBoard(t.db, org.id, earlier.id);
	const newBoard = await makeBoard(t.db, org.id, later.id);
	const card = (board: { id: number; columns: number[] }, goalId?: number) =>
		makeCard(t.db, board, board.columns[0]!, org.id, [], { goalId });
	const cards = {
		mapped: await card(oldBoard, earlier.task.id),
		operational: await card(oldBoard, earlier.operational.id),
		unmapped: await card(oldBoard, unmapped.id),
		toStrategic: await card(oldBoard, earlier.task2.id),
		noGoal: await card(oldBoard),
		archived: await card(oldBoard2, earlier.task.id)
	};
	await setArchived(t.db, coordinator, cards.archived.id, { version: 1, archived: true });
	cards.archived.version = 2;
	const current = await card(newBoard, later.task.id);
	const slug = (
		await t.db
			.selectFrom('strategy')
			.select('slug')
			.where('id', '=', later.id)
			.executeTakeFirstOrThrow()
	).slug;
	return { earlier, later, unmapped, org, oldBoard, oldBoard2, newBoard, cards, current, slug };
}

/** The confirm form of a preview, parsed as the action parses it. */
function formOf(preview: Awaited<ReturnType<typeof previewRelink>>) {
	return relinkSchema.parse({
		boards: preview.boards.map((b) => String(b.id)),
		cards: preview.cards.map(relinkStampOf)
	});
}

async function state(world: Awaited<ReturnType<typeof makeEditions>>) {
	const boards = await t.db
		.selectFrom('board')
		.select(['id', 'strategyId'])
		.where('id', 'in', [world.oldBoard.id, world.oldBoard2.id, world.newBoard.id])
		.orderBy('id')
		.execute();
	const cards = await t.db
		.selectFrom('card')
		.select(['id', 'goalId', 'version'])
		.where('boardId', 'in', [world.oldBoard.id, world.oldBoard2.id, world.newBoard.id])
		.orderBy('id')
		.execute();
	return { boards, cards, events: await countRows(t.db, 'event') };
}

describe('the goal mapping', () => {
	it('is the same on both editions: pairs, goals without a successor, new goals', async () => {
		const w = await makeEditions();
		const fromEarlier = await editionMapping(t.db, w.earlier.id);
		const fromLater = await editionMapping(t.db, w.later.id);
		expect(fromLater).toEqual(fromEarlier);
		expect(fromEarlier!.earlier.id).toBe(w.earlier.id);
		expect(fromEarlier!.pairs.map((p) => `${p.from.code}→${p.to.code}`)).toEqual([
			'1→1',
			'1.1→1.1',
			'1.1.1→1.1.2',
			'1.1.2→1'
		]);
		expect(fromEarlier!.withoutSuccessor.map((g) => g.code)).toEqual(['1.2']);
		// The later 1.1.1 has no predecessor; tasks are counted apart from the goals listed.
		expect(fromEarlier!.added).toEqual([]);
		expect(fromEarlier!.addedTasks).toBe(1);
	});

	it('tells a card of the earlier edition the goal it continues as, or that there is none', async () => {
		const w = await makeEditions();
		const mapped = await goalSuccessor(t.db, { id: w.earlier.task.id, strategyId: w.earlier.id });
		expect(mapped?.successor).toEqual({ id: w.later.task2.id, code: '1.1.2', title: 'Cel 1.1.2' });
		const none = await goalSuccessor(t.db, { id: w.unmapped.id, strategyId: w.earlier.id });
		expect(none).toMatchObject({ successor: null });
		const strategic = await goalSuccessor(t.db, {
			id: w.earlier.task2.id,
			strategyId: w.earlier.id
		});
		expect(strategic?.successor).toBeNull();
		expect(
			await goalSuccessor(t.db, { id: w.later.task.id, strategyId: w.later.id })
		).toBeUndefined();
	});
});

describe('the re-link preview', () => {
	it('lists the boards to move and every card with its target', async () => {
		const w = await makeEditions();
		const preview = await previewRelink(t.db, coordinator, w.slug);
		expect(preview.earlier.id).toBe(w.earlier.id);
		expect(preview.boards.map((b) => b.id).sort()).toEqual([w.oldBoard.id, w.oldBoard2.id].sort());
		const target = new Map(preview.cards.map((c) => [c.id, c.to?.id ?? null]));
		expect(target).toEqual(
			new Map([
				[w.cards.mapped.id, w.later.task2.id],
				[w.cards.operational.id, w.later.operational.id],
				[w.cards.unmapped.id, null],
				[w.cards.toStrategic.id, null],
				[w.cards.noGoal.id, null],
				[w.cards.archived.id, w.later.task2.id]
			])
		);
		expect(preview.cards.find((c) => c.id === w.cards.archived.id)?.archived).toBe(true);
		expect(preview.counts).toEqual({
			boards: 2,
			cards: 6,
			relinked: 3,
			unlinked: 2,
			withoutGoal: 1
		});
	});

	it('is refused (404) to anyone but an editor, and for an edition that supersedes nothing', async () => {
		const w = await makeEditions();
		const manager = await makePerson(t.db, 'member', [[w.org.id, 'manager']]);
		await expect(previewRelink(t.db, manager, w.slug)).rejects.toBeInstanceOf(NotFoundError);
		const earlierSlug = (
			await t.db
				.selectFrom('strategy')
				.select('slug')
				.where('id', '=', w.earlier.id)
				.executeTakeFirstOrThrow()
		).slug;
		await expect(previewRelink(t.db, coordinator, earlierSlug)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(previewRelink(t.db, coordinator, 'no-such-slug')).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});

describe('the re-link', () => {
	it('moves the boards and re-links the cards in one step, with an event for each', async () => {
		const w = await makeEditions();
		const before = await state(w);
		const preview = await previewRelink(t.db, coordinator, w.slug);
		const done = await relink(t.db, coordinator, w.slug, formOf(preview));
		expect(done).toEqual({ boards: 2, relinked: 3, unlinked: 2 });

		const after = await state(w);
		expect(after.boards.map((b) => b.strategyId)).toEqual([w.later.id, w.later.id, w.later.id]);
		const card = (id: number) => after.cards.find((c) => c.id === id)!;
		const was = (id: number) => before.cards.find((c) => c.id === id)!;
		expect(card(w.cards.mapped.id).goalId).toBe(w.later.task2.id);
		expect(card(w.cards.operational.id).goalId).toBe(w.later.operational.id);
		expect(card(w.cards.unmapped.id).goalId).toBeNull();
		expect(card(w.cards.toStrategic.id).goalId).toBeNull();
		expect(card(w.cards.archived.id).goalId).toBe(w.later.task2.id);
		for (const c of Object.values(w.cards).filter((c) => c !== w.cards.noGoal))
			expect(card(c.id).version).toBe(was(c.id).version + 1);
		// Nothing changes for a card without a goal, nor for the later edition's own card.
		expect(card(w.cards.noGoal.id)).toEqual(was(w.cards.noGoal.id));
		expect(card(w.current.id)).toEqual(was(w.current.id));

		const events = await t.db
			.selectFrom('event')
			.select(['type', 'entityType', 'entityId', 'boardId', 'cardId', 'payload'])
			.orderBy('id', 'desc')
			.limit(after.events - before.events)
			.execute();
		expect(events).toHaveLength(5 + 2);
		const boardEvents = events.filter((e) => e.type === 'board.strategy_changed');
		expect(boardEvents.map((e) => e.boardId).sort()).toEqual(
			[w.oldBoard.id, w.oldBoard2.id].sort()
		);
		for (const e of boardEvents) {
			expect(e).toMatchObject({ entityType: 'board', entityId: e.boardId });
			expect(e.payload).toMatchObject({ fromStrategyId: w.earlier.id, toStrategyId: w.later.id });
		}
		const cardEvents = events.filter((e) => e.type === 'card.updated');
		expect(cardEvents).toHaveLength(5);
		const mappedEvent = cardEvents.find((e) => e.cardId === w.cards.mapped.id);
		expect(mappedEvent).toMatchObject({ entityType: 'card', boardId: w.oldBoard.id });
		expect(mappedEvent!.payload).toEqual({
			changed: ['goalId'],
			before: { goalId: w.earlier.task.id },
			after: { goalId: w.later.task2.id },
			reason: 'edition_relink'
		});
	});

	it('is refused to anyone but an editor, writing nothing', async () => {
		const w = await makeEditions();
		const input = formOf(await previewRelink(t.db, coordinator, w.slug));
		const before = await state(w);
		for (const actor of [
			await makePerson(t.db, 'member', [[w.org.id, 'manager']]),
			await makePerson(t.db, 'member')
		]) {
			await expect(relink(t.db, actor, w.slug, input)).rejects.toBeInstanceOf(NotFoundError);
		}
		expect(await state(w)).toEqual(before);
	});

	it('answers a conflict, writing nothing, when a card changed or was added since the preview', async () => {
		const w = await makeEditions();
		const input = formOf(await previewRelink(t.db, coordinator, w.slug));
		await setArchived(t.db, coordinator, w.cards.mapped.id, { version: 1, archived: true });
		const edited = await state(w);
		await expect(relink(t.db, coordinator, w.slug, input)).rejects.toBeInstanceOf(ConflictError);
		expect(await state(w)).toEqual(edited);

		const fresh = formOf(await previewRelink(t.db, coordinator, w.slug));
		await makeCard(t.db, w.oldBoard, w.oldBoard.columns[1], w.org.id, [], {
			goalId: w.earlier.task.id
		});
		const added = await state(w);
		await expect(relink(t.db, coordinator, w.slug, fresh)).rejects.toBeInstanceOf(ConflictError);
		expect(await state(w)).toEqual(added);
		// A form that leaves out a board is no more current than one with an old version.
		const noBoard = { ...fresh, boards: fresh.boards.slice(1) };
		await expect(relink(t.db, coordinator, w.slug, noBoard)).rejects.toBeInstanceOf(ConflictError);
	});

	it('has nothing left to do the second time', async () => {
		const w = await makeEditions();
		const input = formOf(await previewRelink(t.db, coordinator, w.slug));
		await relink(t.db, coordinator, w.slug, input);
		const after = await state(w);
		const again = await previewRelink(t.db, coordinator, w.slug);
		expect(again.boards).toEqual([]);
		expect(again.cards).toEqual([]);
		expect(await relink(t.db, coordinator, w.slug, formOf(again))).toEqual({
			boards: 0,
			relinked: 0,
			unlinked: 0
		});
		// The first confirm sent again is stale, not applied twice.
		await expect(relink(t.db, coordinator, w.slug, input)).rejects.toBeInstanceOf(ConflictError);
		expect(await state(w)).toEqual(after);
	});
});
