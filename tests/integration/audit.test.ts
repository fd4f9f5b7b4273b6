import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuditFilters } from '../../src/lib/schemas/audit';
import { auditCsv, listAuditEvents } from '../../src/lib/server/audit/service';
import type { Actor } from '../../src/lib/server/auth/policy';
import { moveCard } from '../../src/lib/server/cards/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The audit log: append-only in the database itself, browsed and exported by staff only.

let t: TestDatabase;
let coordinator: Actor;
let member: Actor;
let card: { id: number; version: number };
let board: Awaited<ReturnType<typeof makeBoard>>;

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	coordinator = await makePerson(t.db, 'coordinator');
	member = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	board = await makeBoard(t.db, dept.id, s.id);
	card = await makeCard(t.db, board, board.columns[0], dept.id, [], {
		title: 'Karta, "z" przecinkiem'
	});
	for (const columnId of [board.columns[1], board.columns[2]]) {
		const moved = await moveCard(t.db, member, card.id, {
			columnId,
			version: card.version,
			confirmWip: false
		});
		card.version = moved.version;
	}
});

afterAll(() => t.destroy());

describe('the event table', () => {
	it('refuses to change or delete its rows, for anyone', async () => {
		const before = await t.db.selectFrom('event').selectAll().orderBy('id').execute();
		await expect(sql`update event set type = 'forged'`.execute(t.db)).rejects.toThrow(
			/append-only/
		);
		await expect(sql`delete from event`.execute(t.db)).rejects.toThrow(/append-only/);
		await expect(sql`truncate event`.execute(t.db)).rejects.toThrow(/append-only/);
		expect(await t.db.selectFrom('event').selectAll().orderBy('id').execute()).toEqual(before);
	});
});

describe('the audit log', () => {
	it('is for administrators and coordinators only', async () => {
		const filters = parseAuditFilters(new URLSearchParams());
		await expect(listAuditEvents(t.db, member, filters)).rejects.toBeInstanceOf(NotFoundError);
		await expect(auditCsv(t.db, member, filters)).rejects.toBeInstanceOf(NotFoundError);
		const log = await listAuditEvents(t.db, coordinator, filters);
		expect(log.events.map((e) => e.type)).toEqual(['card.moved', 'card.moved']);
		expect(log.events[0]).toMatchObject({
			actorName: expect.any(String),
			cardTitle: 'Karta, "z" przecinkiem'
		});
	});

	it('filters by type, person and day, and ignores filters it cannot read', async () => {
		const list = (query: string) =>
			listAuditEvents(t.db, coordinator, parseAuditFilters(new URLSearchParams(query)));
		expect((await list('type=card')).events).toHaveLength(2);
		expect((await list('type=card.created')).events).toHaveLength(0);
		expect((await list(`actor=${coordinator.id}`)).events).toHaveLength(0);
		expect((await list(`actor=${member.id}`)).events).toHaveLength(2);
		expect((await list('from=2000-01-01&to=2000-12-31')).events).toHaveLength(0);
		expect((await list("type=';drop table event;--&actor=abc&from=yesterday")).events).toHaveLength(
			2
		);
	});

	it('exports CSV that reads back cell by cell', async () => {
		const csv = await auditCsv(
			t.db,
			coordinator,
			parseAuditFilters(new URLSearchParams('type=card.moved'))
		);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
		const events = (
			await listAuditEvents(t.db, coordinator, parseAuditFilters(new URLSearchParams()))
		).events;
		expect(rows).toHaveLength(2);
		rows.forEach((row, i) => {
			const event = events[i]!;
			expect(row).toEqual({
				id: event.id,
				occurred_at: new Date(event.occurredAt).toISOString(),
				actor: event.actorName,
				actor_email: event.actorEmail,
				type: 'card.moved',
				entity_type: 'card',
				entity_id: String(card.id),
				board: event.boardTitle,
				card: 'Karta, "z" przecinkiem',
				payload: JSON.stringify(event.payload),
				description: expect.stringMatching(
					/^Przeniesienie karty „Karta, "z" przecinkiem”: z „.+” do „.+”$/
				)
			});
		});
	});
});
