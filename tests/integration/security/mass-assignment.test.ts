import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardSchema, updateCardSchema } from '../../../src/lib/schemas/cards';
import { cardOrganizationsSchema } from '../../../src/lib/schemas/card-people';
import { updateColumnSchema } from '../../../src/lib/schemas/columns';
import { newCommentSchema } from '../../../src/lib/schemas/comments';
import { reportSaveSchema } from '../../../src/lib/schemas/monitoring';
import { personSchema } from '../../../src/lib/schemas/users';
import type { Actor } from '../../../src/lib/server/auth/policy';
import { updateColumn } from '../../../src/lib/server/boards/columns';
import { setOrganizations } from '../../../src/lib/server/cards/people';
import { createCard, updateCard } from '../../../src/lib/server/cards/service';
import { addComment } from '../../../src/lib/server/comments/service';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../../src/lib/server/errors';
import { formValues } from '../../../src/lib/server/http';
import { saveReport } from '../../../src/lib/server/reports/service';
import { updatePerson } from '../../../src/lib/server/users/service';
import {
	countRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { EXTRA_FIELDS } from './extra-fields';

// Mass assignment: forms that carry fields the person may not set (a role, another organisation,
// board or author, a status, a version) change nothing they may not change. Each form goes the
// way a form action takes it: FormData → formValues → the action's schema → the service, with
// the ids of the URL and the session as the route passes them.

let t: TestDatabase;
const orgs = {} as Record<'dept' | 'ngo' | 'other', { id: number }>;
const people: Record<string, Actor> = {};
let board: Awaited<ReturnType<typeof makeBoard>>;
let otherBoard: Awaited<ReturnType<typeof makeBoard>>;
let card: { id: number; version: number };

/** A form as the browser posts it, with every extra field added, parsed by `schema`. */
function posted<T>(schema: { parse(v: unknown): T }, fields: Record<string, string>): T {
	const form = new FormData();
	for (const [k, v] of Object.entries({ ...EXTRA_FIELDS, ...fields })) form.append(k, v);
	return schema.parse(formValues(form));
}

const cardRow = (id: number) =>
	t.db.selectFrom('card').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const leadOf = async (id: number) =>
	(
		await t.db
			.selectFrom('cardOrganization')
			.select('organizationId')
			.where('cardId', '=', id)
			.where('role', '=', 'lead')
			.executeTakeFirstOrThrow()
	).organizationId;

const membershipsOf = async (userId: number) =>
	(
		await t.db
			.selectFrom('membership')
			.select(['organizationId', 'role'])
			.where('userId', '=', userId)
			.execute()
	).length;

const CARD_FORM = {
	title: 'Zmieniony tytuł',
	description: '',
	goalId: '',
	priority: 'normal',
	labels: '',
	startDate: '',
	dueDate: ''
};

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	orgs.dept = await makeOrg(t.db, 'city_department');
	orgs.ngo = await makeOrg(t.db, 'ngo');
	orgs.other = await makeOrg(t.db, 'city_department');
	people.manager = await makePerson(t.db, 'member', [[orgs.dept.id, 'manager']]);
	people.member = await makePerson(t.db, 'member', [[orgs.dept.id, 'member']]);
	people.partner = await makePerson(t.db, 'member', [[orgs.ngo.id, 'member']]);
	people.admin = await makePerson(t.db, 'admin');
	board = await makeBoard(t.db, orgs.dept.id, s.id);
	otherBoard = await makeBoard(t.db, orgs.other.id, s.id);
	card = await makeCard(t.db, board, board.columns[0], orgs.dept.id, [orgs.ngo.id]);
});

afterAll(() => t.destroy());

describe('a card', () => {
	it('edited with a board, column, lead, author and status in the form stays where it was', async () => {
		const before = await cardRow(card.id);
		const input = posted(updateCardSchema, { ...CARD_FORM, version: String(before.version) });
		await updateCard(t.db, people.member!, card.id, input);
		const after = await cardRow(card.id);
		expect(after.title).toBe('Zmieniony tytuł');
		expect(after.version).toBe(before.version + 1);
		const kept = ['boardId', 'columnId', 'createdBy', 'position', 'archivedAt'] as const;
		for (const k of kept) expect(after[k], k).toEqual(before[k]);
		expect(await leadOf(card.id)).toBe(orgs.dept.id);
		card.version = after.version;
	});

	it('edited by a partner, who may move it but not edit it, is refused whatever the form says', async () => {
		const input = posted(updateCardSchema, { ...CARD_FORM, version: String(card.version) });
		await expect(updateCard(t.db, people.partner!, card.id, input)).rejects.toThrow(ForbiddenError);
		const org = posted(cardOrganizationsSchema, {
			version: String(card.version),
			leadId: String(orgs.ngo.id)
		});
		await expect(setOrganizations(t.db, people.partner!, card.id, org)).rejects.toThrow(
			ForbiddenError
		);
		expect(await leadOf(card.id)).toBe(orgs.dept.id);
		expect((await cardRow(card.id)).version).toBe(card.version);
	});

	it('names the version it was based on: a version from the future or a bad one is refused', async () => {
		const ahead = posted(updateCardSchema, { ...CARD_FORM, version: String(card.version + 5) });
		await expect(updateCard(t.db, people.member!, card.id, ahead)).rejects.toThrow(ConflictError);
		for (const version of ['-1', '0', '1.5', 'x', ''])
			expect(() => posted(updateCardSchema, { ...CARD_FORM, version })).toThrow();
		expect((await cardRow(card.id)).version).toBe(card.version);
	});

	it('created with another board in the form lands on the board of the URL, led by its own', async () => {
		const input = posted(createCardSchema, {
			...CARD_FORM,
			title: 'Nowa karta',
			columnId: String(board.columns[1]),
			leadId: ''
		});
		const created = await createCard(t.db, people.member!, board.id, input);
		const row = await cardRow(created.id);
		expect(row.boardId).toBe(board.id);
		expect(row.createdBy).toBe(people.member!.id);
		expect(await leadOf(created.id)).toBe(orgs.dept.id);
	});

	it('created with another board’s column, or led by an organisation not the person’s, writes nothing', async () => {
		const cards = await countRows(t.db, 'card');
		const foreign = posted(createCardSchema, {
			...CARD_FORM,
			columnId: String(otherBoard.columns[0]),
			leadId: ''
		});
		await expect(createCard(t.db, people.member!, board.id, foreign)).rejects.toThrow(
			ValidationError
		);
		const led = posted(createCardSchema, {
			...CARD_FORM,
			columnId: String(board.columns[0]),
			leadId: String(orgs.other.id)
		});
		await expect(createCard(t.db, people.member!, board.id, led)).rejects.toThrow(ValidationError);
		expect(await countRows(t.db, 'card')).toBe(cards);
	});
});

describe('a board column', () => {
	it('of another board, named in the form, is not found on the board of the URL', async () => {
		const input = posted(updateColumnSchema, {
			columnId: String(otherBoard.columns[0]),
			title: 'Przejęta',
			status: 'todo',
			wipLimit: ''
		});
		await expect(
			updateColumn(t.db, people.manager!, board.id, input.columnId, input)
		).rejects.toThrow(NotFoundError);
		const column = await t.db
			.selectFrom('boardColumn')
			.select(['title', 'boardId'])
			.where('id', '=', otherBoard.columns[0])
			.executeTakeFirstOrThrow();
		expect(column).toEqual({ title: 'todo', boardId: otherBoard.id });
	});
});

describe('a comment', () => {
	it('is written by whoever is signed in, whatever author the form names', async () => {
		const input = posted(newCommentSchema, { body: 'Mój komentarz' });
		await addComment(t.db, people.partner!, card.id, input);
		const row = await t.db
			.selectFrom('comment')
			.select(['authorId', 'cardId', 'deletedAt'])
			.where('body', '=', 'Mój komentarz')
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ authorId: people.partner!.id, cardId: card.id, deletedAt: null });
	});
});

/** As the action reads the form: a change of a stored report only when the form names one. */
function newDraft(input: ReturnType<typeof reportSaveSchema.parse>) {
	const { reportId, version, ...report } = input;
	expect(reportId).toBeUndefined();
	void version;
	return report;
}

describe('an activity report', () => {
	const REPORT = {
		periodStart: '2026-03-01',
		periodEnd: '2026-03-31',
		summary: 'Warsztaty',
		participants: '10',
		outputs: '',
		links: ''
	};

	it('is created as a draft of its author on the card of the URL, whatever status the form names', async () => {
		const input = posted(reportSaveSchema, { ...REPORT, organizationId: String(orgs.ngo.id) });
		const { id } = await saveReport(t.db, people.partner!, card.id, newDraft(input));
		const row = await t.db
			.selectFrom('activityReport')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			status: 'draft',
			authorId: people.partner!.id,
			cardId: card.id,
			organizationId: orgs.ngo.id,
			reviewedBy: null,
			reviewedAt: null
		});
	});

	it('for an organisation the author is not in is refused and writes nothing', async () => {
		const reports = await countRows(t.db, 'activityReport');
		for (const org of [orgs.dept, orgs.other]) {
			const report = newDraft(
				posted(reportSaveSchema, { ...REPORT, organizationId: String(org!.id) })
			);
			await expect(saveReport(t.db, people.partner!, card.id, report)).rejects.toThrow(
				ValidationError
			);
		}
		expect(await countRows(t.db, 'activityReport')).toBe(reports);
	});
});

describe('a person', () => {
	it('who is not an administrator cannot change their own role: people are not there for them', async () => {
		const self = people.member!;
		const input = posted(personSchema, {
			email: 'ja@example.test',
			name: 'Ja',
			role: 'admin'
		});
		await expect(updatePerson(t.db, self, self.id, input)).rejects.toThrow(NotFoundError);
		const row = await t.db
			.selectFrom('user')
			.select(['role', 'email'])
			.where('id', '=', self.id)
			.executeTakeFirstOrThrow();
		expect(row.role).toBe('member');
		expect(row.email).not.toBe('ja@example.test');
	});

	it('edited by the administrator gets what the form may set, and no organisation with it', async () => {
		const target = people.partner!;
		const memberships = await membershipsOf(target.id);
		const input = posted(personSchema, {
			email: 'partner@example.test',
			name: 'Partnerka',
			role: 'member'
		});
		expect(Object.keys(input).sort()).toEqual(['email', 'name', 'role']);
		await updatePerson(t.db, people.admin!, target.id, input);
		const row = await t.db
			.selectFrom('user')
			.select(['role', 'name', 'disabledAt'])
			.where('id', '=', target.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ role: 'member', name: 'Partnerka', disabledAt: null });
		expect(await membershipsOf(target.id)).toBe(memberships);
	});
});
