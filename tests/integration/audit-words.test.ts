import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasedName } from '../../src/lib/domain/pseudonym';
import { eventDetails, historyLine } from '../../src/lib/events/describe';
import { parseAuditFilters } from '../../src/lib/schemas/audit';
import { auditCsv, listAuditEvents } from '../../src/lib/server/audit/service';
import type { Actor } from '../../src/lib/server/auth/policy';
import { moveCard } from '../../src/lib/server/cards/service';
import type { Db } from '../../src/lib/server/db';
import { NotFoundError } from '../../src/lib/server/errors';
import { recordEvent } from '../../src/lib/server/events/repository';
import { cardDialog } from '../../src/lib/server/pages/card-dialog';
import { erasePerson } from '../../src/lib/server/users/personal-data';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { QueryCounter } from '../helpers/query-counter';

// The audit log and a card's history in words: the columns, goals, strategies and people an
// event refers to by id are named, in one query per page; what is gone says so; an erased person
// reads as their pseudonym; a card's history names no column of a board its viewer may not see.

let t: TestDatabase;
let db: Db;
const counter = new QueryCounter();
let admin: Actor;
let coordinator: Actor;
let member: Actor;
let outsider: Actor;
let board: Awaited<ReturnType<typeof makeBoard>>;
let otherBoard: Awaited<ReturnType<typeof makeBoard>>;
let card: { id: number; version: number };
let goals: { id: number; code: string | null }[];
let erased: Actor;

const columnTitle = async (id: number) =>
	(
		await db
			.selectFrom('boardColumn')
			.select('title')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	).title;

beforeAll(async () => {
	t = await createTestDatabase();
	db = t.db.withPlugin(counter);
	const s = await makeStrategy(db);
	goals = await db
		.selectFrom('goal')
		.select(['id', 'code'])
		.where('strategyId', '=', s.id)
		.execute();
	const dept = await makeOrg(db, 'city_department');
	const elsewhere = await makeOrg(db, 'city_department');
	admin = await makePerson(db, 'admin');
	coordinator = await makePerson(db, 'coordinator');
	member = await makePerson(db, 'member', [[dept.id, 'manager']]);
	outsider = await makePerson(db, 'member', [[elsewhere.id, 'manager']]);
	erased = await makePerson(db, 'member');
	board = await makeBoard(db, dept.id, s.id);
	otherBoard = await makeBoard(db, elsewhere.id, s.id);
	await db
		.updateTable('boardColumn')
		.set({ title: 'W realizacji' })
		.where('id', '=', board.columns[1])
		.execute();
	await db
		.updateTable('boardColumn')
		.set({ title: 'Tajna kolumna' })
		.where('id', '=', otherBoard.columns[0])
		.execute();
	card = await makeCard(db, board, board.columns[0], dept.id, [], { title: 'Festyn' });
	const moved = await moveCard(db, member, card.id, {
		columnId: board.columns[1],
		version: card.version,
		confirmWip: false
	});
	card.version = moved.version;
	const task = goals.find((g) => g.code === '1.1.1')!;
	await recordEvent(db, {
		actorId: member.id,
		type: 'card.updated',
		entityId: card.id,
		boardId: board.id,
		cardId: card.id,
		payload: {
			changed: ['dueDate', 'goalId'],
			before: { dueDate: '2026-12-09', goalId: null },
			after: { dueDate: '2026-12-16', goalId: task.id }
		}
	});
	// An event that names a column of a board the card's viewers do not see (written by hand:
	// the app moves cards within their board only), and one of a column since removed.
	await recordEvent(db, {
		actorId: member.id,
		type: 'card.moved',
		entityId: card.id,
		boardId: board.id,
		cardId: card.id,
		payload: {
			fromColumnId: otherBoard.columns[0],
			toColumnId: 999_999,
			position: 'a0',
			version: card.version
		}
	});
	await recordEvent(db, {
		actorId: null,
		type: 'notification.created',
		entityId: 1,
		payload: { userId: erased.id }
	});
	await erasePerson(db, admin, erased.id);
});

afterAll(() => t.destroy());

const all = () => parseAuditFilters(new URLSearchParams());

describe('the audit log in words', () => {
	it('names columns, goals and people instead of their ids', async () => {
		const log = await listAuditEvents(db, coordinator, all());
		const detailsOf = (type: string) =>
			log.events.filter((e) => e.type === type).map((e) => eventDetails(e, log.names));
		const from = await columnTitle(board.columns[0]);
		expect(detailsOf('card.moved')).toContain(`z „${from}” do „W realizacji”`);
		expect(detailsOf('card.updated')).toEqual([
			'termin: 9 gru → 16 gru 2026; cel: brak → „1.1.1 Cel 1.1.1”'
		]);
		// The staff see every board: the other board's column by its name; a removed one as such.
		expect(detailsOf('card.moved')).toContain('z „Tajna kolumna” do (usunięta kolumna)');
		expect(detailsOf('notification.created')).toEqual([`dla: ${erasedName(erased.id)}`]);
		for (const event of log.events) {
			expect(eventDetails(event, log.names)).not.toMatch(/\b(columnId|goalId|userId)\b/);
		}
	});

	it('asks for the names in one query, however many events the page holds', async () => {
		const few = await counter.countOf(() => listAuditEvents(db, coordinator, all()));
		for (let i = 0; i < 20; i++)
			await recordEvent(db, {
				actorId: member.id,
				type: 'card.moved',
				entityId: card.id,
				boardId: board.id,
				cardId: card.id,
				payload: {
					fromColumnId: board.columns[i % 4]!,
					toColumnId: board.columns[(i + 1) % 4]!,
					position: 'a0',
					version: card.version
				}
			});
		const many = await counter.countOf(() => listAuditEvents(db, coordinator, all()));
		expect(many).toBe(few);
	});

	it('stays closed to everyone but the staff, names and all', async () => {
		await expect(listAuditEvents(db, member, all())).rejects.toBeInstanceOf(NotFoundError);
		await expect(auditCsv(db, outsider, all())).rejects.toBeInstanceOf(NotFoundError);
	});

	it('shows the stored payload to administrators only', async () => {
		expect((await listAuditEvents(db, admin, all())).technical).toBe(true);
		expect((await listAuditEvents(db, coordinator, all())).technical).toBe(false);
	});

	it('exports a description in words beside the machine-readable columns', async () => {
		const csv = await auditCsv(
			db,
			coordinator,
			parseAuditFilters(new URLSearchParams('type=card.updated'))
		);
		const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			type: 'card.updated',
			description:
				'Zmiana karty „Festyn”: termin: 9 gru → 16 gru 2026; cel: brak → „1.1.1 Cel 1.1.1”'
		});
	});
});

describe('a card’s history in words', () => {
	it('says who moved the card from which column to which', async () => {
		const dialog = await cardDialog(db, member, board.id, card.id);
		const lines = dialog.history.map((e) => historyLine(e, dialog.historyNames));
		const from = await columnTitle(board.columns[0]);
		expect(lines).toContain(`przeniósł(a) kartę z „${from}” do „W realizacji”`);
		expect(lines).toContain(
			'zmienił(a) termin: 9 gru → 16 gru 2026; cel: brak → „1.1.1 Cel 1.1.1”'
		);
	});

	it('names no column of a board the viewer may not see', async () => {
		const dialog = await cardDialog(db, member, board.id, card.id);
		expect(Object.values(dialog.historyNames.column)).not.toContain('Tajna kolumna');
		const lines = dialog.history.map((e) => historyLine(e, dialog.historyNames)).join('\n');
		expect(lines).not.toContain('Tajna kolumna');
	});

	it('is not shown to someone who may not see the card', async () => {
		await expect(cardDialog(db, outsider, board.id, card.id)).rejects.toBeInstanceOf(NotFoundError);
	});
});
