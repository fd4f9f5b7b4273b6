import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuditFilters } from '../../../src/lib/schemas/audit';
import { parseCardFilters } from '../../../src/lib/schemas/filters';
import { listAuditEvents } from '../../../src/lib/server/audit/service';
import { loadViewer, type Actor } from '../../../src/lib/server/auth/policy';
import { listBoardRows } from '../../../src/lib/server/cards/lists-repository';
import { listPeople } from '../../../src/lib/server/users/service';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// Every filter that the database matches with LIKE takes what people type as text: `%`, `_` and
// `\` match only themselves. The card search, the people search and the audit log's event-type
// family (`card` for every `card.…` event).

let t: TestDatabase;
let admin: Actor;
let board: Awaited<ReturnType<typeof makeBoard>>;
const TITLES = ['Rabat 100%', 'plan_b', 'C:\\dane', 'zwykła karta', "'; drop table card; --"];

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	const org = await makeOrg(t.db, 'city_department');
	admin = await makePerson(t.db, 'admin');
	board = await makeBoard(t.db, org.id, s.id);
	for (const title of TITLES) await makeCard(t.db, board, board.columns[0], org.id, [], { title });
	// Written as rows, not through recordEvent: the table may hold types the catalogue does not
	// know (an older version's), and the filter must treat them as text.
	for (const type of ['card.moved', 'cxrd.moved', 'user.updated'])
		await t.db
			.insertInto('event')
			.values({ actorId: admin.id, type, entityType: 'card', entityId: 1, payload: '{}' })
			.execute();
});

afterAll(() => t.destroy());

const cards = async (q: string) => {
	const viewer = await loadViewer(t.db, admin);
	const filters = parseCardFilters(new URLSearchParams({ view: 'list', q }));
	const rows = await listBoardRows(t.db, board.id, viewer, filters);
	return rows.map((r: { title: string }) => r.title).sort();
};

describe('LIKE patterns', () => {
	it('the card search matches % _ \\ and quotes as text', async () => {
		expect(await cards('%')).toEqual(['Rabat 100%']);
		expect(await cards('_')).toEqual(['plan_b']);
		expect(await cards('\\')).toEqual(['C:\\dane']);
		expect(await cards("'; drop")).toEqual(["'; drop table card; --"]);
		expect(await cards('1 OR 1=1')).toEqual([]);
	});

	it('the people search matches % and _ as text', async () => {
		expect(await listPeople(t.db, admin, '%')).toEqual([]);
		expect(await listPeople(t.db, admin, '_')).toEqual([]);
	});

	it('the audit log’s event family is a prefix of text: _ is no wildcard', async () => {
		const types = async (type: string) =>
			(await listAuditEvents(t.db, admin, parseAuditFilters(new URLSearchParams({ type })))).events
				.map((e: { type: string }) => e.type)
				.sort();
		expect(await types('card')).toEqual(['card.moved']);
		expect(await types('c_rd')).toEqual([]);
		expect(await types('card.moved')).toEqual(['card.moved']);
	});
});
