import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelColoursSchema, readLabelColours } from '../../src/lib/schemas/label-colours';
import type { Actor } from '../../src/lib/server/auth/policy';
import { getLabelColourSettings, setLabelColours } from '../../src/lib/server/boards/labels';
import { getBoard } from '../../src/lib/server/cards/lists';
import { boardPage } from '../../src/lib/server/pages/board';
import { ForbiddenError, NotFoundError } from '../../src/lib/server/errors';
import { formValues } from '../../src/lib/server/http';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// A board's label colours: only palette names pass the form's schema, only the board's managers
// may set them, every change is recorded, and the board page sends the map with its cards.

let t: TestDatabase;
let board: Awaited<ReturnType<typeof makeBoard>> & { ownerId: number };
const people: Record<string, Actor> = {};

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	const ngo = await makeOrg(t.db, 'ngo');
	people.manager = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	people.member = await makePerson(t.db, 'member', [[dept.id, 'member']]);
	people.partner = await makePerson(t.db, 'member', [[ngo.id, 'manager']]);
	people.outsider = await makePerson(t.db, 'member');
	people.coordinator = await makePerson(t.db, 'coordinator');
	board = { ...(await makeBoard(t.db, dept.id, s.id)), ownerId: dept.id };
	const card = await makeCard(t.db, board, board.columns[0]!, dept.id, [ngo.id]);
	await t.db
		.updateTable('card')
		.set({ labels: ['ngo', 'rowery'] })
		.where('id', '=', card.id)
		.execute();
});
afterAll(() => t.destroy());

/** The form as the settings page posts it: a label and a colour field per label, in order. */
function posted(pairs: [string, string][]) {
	const form = new FormData();
	for (const [label, colour] of pairs) {
		form.append('label', label);
		form.append('colour', colour);
	}
	return labelColoursSchema.safeParse(formValues(form));
}
const stored = async () =>
	(
		await t.db
			.selectFrom('board')
			.select('labelColours')
			.where('id', '=', board.id)
			.executeTakeFirstOrThrow()
	).labelColours;
const colourEvents = () =>
	t.db
		.selectFrom('event')
		.select(['payload', 'actorId'])
		.where('type', '=', 'board.label_colours_changed')
		.where('boardId', '=', board.id)
		.execute();

describe('the label colours form', () => {
	it('reads a palette name per label, an empty colour leaving the label plain', () => {
		const result = posted([
			['ngo', 'green'],
			['rowery', ''],
			['inwestycja', 'amber']
		]);
		expect(result.success && result.data).toEqual({ ngo: 'green', inwestycja: 'amber' });
		expect(posted([['ngo', 'violet']]).data).toEqual({ ngo: 'violet' });
	});

	it('refuses anything but a palette name: no colour value reaches a style', () => {
		for (const bad of ['#ff0000', 'rgb(0,0,0)', 'blue; background:url(x)', 'Blue', 'red', ' ']) {
			const result = posted([['ngo', bad]]);
			expect(result.success, bad).toBe(false);
			expect(result.error?.issues[0]?.path).toEqual(['colour', 0]);
		}
	});

	it('refuses a label with no colour, a colour with no label, and a label too long', () => {
		const form = new FormData();
		form.append('label', 'ngo');
		form.append('label', 'rowery');
		form.append('colour', 'blue');
		expect(labelColoursSchema.safeParse(formValues(form)).success).toBe(false);
		expect(posted([['x'.repeat(41), 'blue']]).success).toBe(false);
		expect(posted([['', 'blue']]).success).toBe(false);
	});

	it('reads a stored map leniently, leaving out what is not a palette colour', () => {
		expect(readLabelColours({ ngo: 'green', x: '#fff', y: 3 })).toEqual({ ngo: 'green' });
		expect(readLabelColours(null)).toEqual({});
	});
});

describe('setting the colours', () => {
	it('lets a board manager set them: stored, recorded, sent with the board', async () => {
		await setLabelColours(t.db, people.manager!, board.id, { ngo: 'green', rowery: 'teal' });
		expect(await stored()).toEqual({ ngo: 'green', rowery: 'teal' });
		const events = await colourEvents();
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			actorId: people.manager!.id,
			payload: { before: {}, after: { ngo: 'green', rowery: 'teal' } }
		});
		const page = await boardPage(t.db, people.partner!, board.id, new URLSearchParams());
		expect(page.labelColours).toEqual({ ngo: 'green', rowery: 'teal' });
		const settings = await getLabelColourSettings(t.db, people.manager!, board.id);
		expect(settings).toEqual([
			{ label: 'ngo', colour: 'green' },
			{ label: 'rowery', colour: 'teal' }
		]);
	});

	it('lets the coordinator set them too', async () => {
		await setLabelColours(t.db, people.coordinator!, board.id, { ngo: 'blue' });
		expect(await stored()).toEqual({ ngo: 'blue' });
		expect((await colourEvents()).at(-1)?.payload).toEqual({
			before: { ngo: 'green', rowery: 'teal' },
			after: { ngo: 'blue' }
		});
	});

	it('refuses everyone else, writing nothing: members and partners 403, others 404', async () => {
		const before = await stored();
		const events = (await colourEvents()).length;
		for (const [who, error] of [
			[people.member!, ForbiddenError],
			[people.partner!, ForbiddenError],
			[people.outsider!, NotFoundError]
		] as const) {
			await expect(setLabelColours(t.db, who, board.id, { ngo: 'rose' })).rejects.toBeInstanceOf(
				error
			);
			await expect(getLabelColourSettings(t.db, who, board.id)).rejects.toBeInstanceOf(error);
		}
		expect(await stored()).toEqual(before);
		expect(await colourEvents()).toHaveLength(events);
	});
});

describe('the board page', () => {
	it("sends each tile's comment and report counts, and each column's matching count", async () => {
		const [card] = await getBoard(t.db, people.manager!, board.id).then((b) => b.tiles);
		const comment = (body: string, deleted: boolean) => ({
			cardId: card!.id,
			authorId: people.manager!.id,
			body,
			deletedAt: deleted ? new Date() : null
		});
		await t.db
			.insertInto('comment')
			.values([comment('a', false), comment('b', false), comment('c', true)])
			.execute();
		const report = (status: 'draft' | 'submitted', authorId: number) => ({
			cardId: card!.id,
			organizationId: board.ownerId,
			authorId,
			status,
			periodStart: '2026-10-01',
			periodEnd: '2026-10-31',
			summary: 'x'
		});
		await t.db
			.insertInto('activityReport')
			.values([report('submitted', people.partner!.id), report('draft', people.partner!.id)])
			.execute();
		// Deleted comments do not count; someone else's draft is not there for the manager.
		const { tiles, columns } = await getBoard(t.db, people.manager!, board.id);
		expect(tiles[0]).toMatchObject({ comments: 2, reports: 1 });
		expect(columns[0]).toMatchObject({ cardCount: 1, matching: 1 });
		const seenByAuthor = await getBoard(t.db, people.partner!, board.id);
		expect(seenByAuthor.tiles[0]).toMatchObject({ comments: 2, reports: 2 });
	});
});
