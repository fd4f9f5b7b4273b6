import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import {
	EVENT_CATALOGUE,
	EVENT_TYPES,
	typedEvent,
	type EventType
} from '../../src/lib/events/catalogue';
import { EVENT_LABELS } from '../../src/lib/events/labels';
import { recordEvent, type NewEvent } from '../../src/lib/server/events/repository';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The event catalogue: every event the app writes has its type's shape, and nothing of the wrong
// shape is written. The other integration tests write events through the real services, so a
// service whose payload left the catalogue fails there; this file checks the seeded demo data and
// the refusal itself.

let t: TestDatabase;

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDatabase(t.db, { demo: true });
});
afterAll(() => t.destroy());

const countEvents = async () =>
	Number(
		(
			await t.db
				.selectFrom('event')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

describe('the event catalogue', () => {
	it('reads every event of the demo data as its type', async () => {
		const rows = await t.db.selectFrom('event').select(['id', 'type', 'payload']).execute();
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.filter((row) => typedEvent(row) === null)).toEqual([]);
	});

	it('names every type in both languages, and every type belongs to one entity', () => {
		for (const type of EVENT_TYPES) {
			expect(EVENT_LABELS[type](), type).not.toBe('');
			expect(EVENT_CATALOGUE[type].entity, type).toMatch(/^[a-z_]+$/);
		}
	});

	it('refuses a payload of the wrong shape, writing nothing', async () => {
		const before = await countEvents();
		const wrong = [
			{ type: 'card.moved', payload: { toColumnId: 1 } },
			{ type: 'card.created', payload: { title: 'x', columnId: 1, extra: true } },
			{ type: 'comment.created', payload: { body: 'a comment has no payload' } },
			{ type: 'report.returned', payload: {} }
		];
		for (const { type, payload } of wrong)
			await expect(
				recordEvent(t.db, { actorId: null, type, entityId: 1, payload } as NewEvent<EventType>),
				type
			).rejects.toThrow();
		expect(await countEvents()).toBe(before);
	});
});
