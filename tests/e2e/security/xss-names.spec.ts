import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { seedDatabase } from '../../../db/seed';
import { openEmbedded } from '../../../src/lib/server/db';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { startAppServer, type AppServer } from '../../bench/lib/app-server';
import { ANONYMOUS, signInSession, type Session } from './http';
import { readData } from './resources';
import { csvCells, expectDefused, pageFor, shown, visit } from './xss-checks';
import { FORMULAS, hostile } from './xss-world';

// Organisation and board names have no form in the app: they come from the seed (or, in an
// installation, from whoever loads its organisations). They are shown on nearly every page, so
// they get the same hostile text as the fields people write: here written straight into a
// database of these tests' own before its server starts, then every page that names them is
// visited in Chromium, and the monitoring report's CSV of cards is read for formula injection.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

const ORG = `${FORMULAS[0]} ${hostile('XSS-org')}`;
const ORG_SHORT = hostile('XSS-short');
const NGO = hostile('XSS-ngo');
const BOARD = `${FORMULAS[1]} ${hostile('XSS-board')}`;

let server: AppServer;
let dataDir: string;
let boardId: number;
let cardId: number;
const sessions: Record<string, Session> = { anonymous: ANONYMOUS };

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dataDir = path.resolve(`tests/.tmp/xss-names-${process.pid}`);
	rmSync(dataDir, { recursive: true, force: true });
	const handle = await openEmbedded({ dataDir });
	try {
		const { db } = handle;
		await migrateToLatest(db);
		await seedDatabase(db, { demo: true });
		// Wydział Edukacji (its board, the lead of its cards) and the demo NGO, its partner.
		const education = await db
			.updateTable('organization')
			.set({ name: ORG, shortName: ORG_SHORT })
			.where('name', '=', 'Wydział Edukacji')
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.updateTable('organization')
			.set({ name: NGO })
			.where('id', 'in', (eb) =>
				eb
					.selectFrom('membership')
					.innerJoin('user', 'user.id', 'membership.userId')
					.select('membership.organizationId')
					.where('user.email', '=', 'ngo@torun.example')
			)
			.execute();
		const board = await db
			.updateTable('board')
			.set({ title: BOARD, description: hostile('XSS-board-description') })
			.where('ownerOrganizationId', '=', education.id)
			.returning('id')
			.executeTakeFirstOrThrow();
		boardId = board.id;
		const card = await db
			.selectFrom('card')
			.innerJoin('cardOrganization', 'cardOrganization.cardId', 'card.id')
			.select('card.id')
			.where('card.boardId', '=', boardId)
			.where('cardOrganization.role', '=', 'partner')
			.orderBy('card.id')
			.executeTakeFirstOrThrow();
		cardId = card.id;
	} finally {
		await handle.close();
	}
	server = await startAppServer({ appDir: '.', env: { DATA_DIR: dataDir } });
	for (const who of ['koordynator@', 'wydzial@', 'ngo@', 'admin@'])
		sessions[who] = await signInSession(server.origin, `${who}torun.example`);
});

test.afterAll(async () => {
	await server?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

/** The pages, [board] and [card] standing for the renamed board and a card of it. */
const PAGES: { who: string; path: string; markers: string[] }[] = [
	{ who: 'wydzial@', path: '/boards', markers: [shown('XSS-board'), 'XSS-org'] },
	{ who: 'wydzial@', path: '/boards/[board]', markers: ['XSS-board', 'XSS-short'] },
	{ who: 'wydzial@', path: '/boards/[board]?view=list', markers: ['XSS-org'] },
	{
		who: 'wydzial@',
		path: '/boards/[board]/cards/[card]',
		markers: ['XSS-org', 'XSS-ngo']
	},
	{ who: 'wydzial@', path: '/boards/[board]/settings', markers: ['XSS-board'] },
	{ who: 'wydzial@', path: '/my-work', markers: ['XSS-board'] },
	{ who: 'ngo@', path: '/my-work', markers: ['XSS-board'] },
	{ who: 'koordynator@', path: '/dashboard?strategy=torun-2028', markers: ['XSS-org'] },
	{
		who: 'koordynator@',
		path: '/strategies/torun-2028/report?year=2026',
		markers: ['XSS-org']
	},
	{ who: 'koordynator@', path: '/audit', markers: [] },
	{ who: 'anonymous', path: '/public', markers: [] },
	{ who: 'admin@', path: '/admin/users', markers: ['XSS-org'] },
	{ who: 'admin@', path: '/admin/users/new', markers: ['XSS-org'] }
];

for (const p of PAGES) {
	test(`${p.who} · ${p.path} shows hostile names as text`, async ({ browser }) => {
		const page = await pageFor(browser, server.origin, sessions[p.who]!);
		try {
			const path = p.path.replace('[board]', String(boardId)).replace('[card]', String(cardId));
			await visit(page, server.origin + path, p.markers);
		} finally {
			await page.context().close();
		}
	});
}

test('the names reach the pages as the data they are', async () => {
	const data = await readData(server.origin, sessions['wydzial@']!, `/boards/${boardId}`);
	expect(JSON.stringify(data)).toContain(JSON.stringify(BOARD).slice(1, -1));
});

// The report's cards name their lead organisation (the seed has no activity reports to name one).
test("the monitoring report's cards as CSV: a name like a formula is defused", async () => {
	const res = await fetch(`${server.origin}/strategies/torun-2028/report/cards.csv?year=2026`, {
		headers: { cookie: sessions['koordynator@']!.cookie }
	});
	expect(res.status).toBe(200);
	expectDefused(csvCells(Buffer.from(await res.arrayBuffer())), 'XSS-org', 'cards');
});
