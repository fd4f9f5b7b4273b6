import { expect, test, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { seedDatabase } from '../../../db/seed';
import { openEmbedded } from '../../../src/lib/server/db';
import { migrateToLatest } from '../../../src/lib/server/db/migrate';
import { startAppServer, type AppServer } from '../../bench/lib/app-server';
import { ANONYMOUS, signInSession, type Session } from './http';
import { CARD, EDUCATION } from './resources';
import { pageFor } from './xss-checks';

// One partner's report with the same link twice broke the card's dialog for everyone who opened
// it (a keyed each block throws on a repeated key), and a sent report cannot be changed. The forms
// now merge repeated values, but rows stored before may hold them: so the values people write,
// each twice, are put straight into a database of these tests' own (the same link twice in a sent
// and in an accepted report, the same label twice on a card, two cards with one title, two people
// with one name, two organisations with one short name, two goals, two indicators and two
// strategies with one title), and every page that shows them is opened in Chromium: it must show
// them, with no error in the page. Organisation names are unique in the database, so they cannot
// come twice.

test.describe.configure({ timeout: 120_000 });

const LINK = 'https://dup.example/raport';
const LABEL = 'DUP-label';
const PERSON = 'DUP Osoba';
const SHORT = 'DUP-org';
const GOAL = 'DUP-goal';
const INDICATOR = 'DUP-indicator';

let server: AppServer;
let dataDir: string;
const ids = { board: 0, card: 0, goal: 0, goalCode: '', person: 0 };
const sessions: Record<string, Session> = { anonymous: ANONYMOUS };

test.beforeAll(async () => {
	test.setTimeout(180_000);
	dataDir = path.resolve(`tests/.tmp/duplicate-values-${process.pid}`);
	rmSync(dataDir, { recursive: true, force: true });
	const handle = await openEmbedded({ dataDir });
	try {
		const { db } = handle;
		await migrateToLatest(db);
		await seedDatabase(db, { demo: true });
		const userId = async (email: string) =>
			(
				await db
					.selectFrom('user')
					.select('id')
					.where('email', '=', email)
					.executeTakeFirstOrThrow()
			).id;
		const [ngo, dept] = [await userId('ngo@torun.example'), await userId('wydzial@torun.example')];
		ids.person = ngo;
		const board = await db
			.selectFrom('board')
			.select(['id', 'ownerOrganizationId'])
			.where('title', '=', EDUCATION)
			.executeTakeFirstOrThrow();
		ids.board = board.id;
		const card = await db
			.selectFrom('card')
			.select(['id', 'goalId'])
			.where('boardId', '=', board.id)
			.where('title', '=', CARD)
			.executeTakeFirstOrThrow();
		ids.card = card.id;
		const ngoOrg = await db
			.selectFrom('cardOrganization')
			.select('organizationId')
			.where('cardId', '=', card.id)
			.where('role', '=', 'partner')
			.executeTakeFirstOrThrow();

		// The card: a label twice (and once more spelt otherwise), two people of one name assigned,
		// public; another card of the board with the same title and label.
		await db
			.updateTable('card')
			.set({ labels: [LABEL, LABEL, LABEL.toLowerCase()], isPublic: true })
			.where('id', '=', card.id)
			.execute();
		await db
			.updateTable('card')
			.set({ title: CARD, labels: [LABEL], isPublic: true })
			.where('id', '=', (eb) =>
				eb
					.selectFrom('card')
					.select((eb) => eb.fn.min('id').as('id'))
					.where('boardId', '=', board.id)
					.where('id', '<>', card.id)
			)
			.execute();
		await db.updateTable('user').set({ name: PERSON }).where('id', 'in', [ngo, dept]).execute();
		await db
			.insertInto('cardAssignee')
			.values([ngo, dept].map((userId) => ({ cardId: card.id, userId })))
			.onConflict((oc) => oc.doNothing())
			.execute();
		await db
			.updateTable('organization')
			.set({ shortName: SHORT })
			.where('id', 'in', [board.ownerOrganizationId, ngoOrg.organizationId])
			.execute();

		// Two indicators of one name on the goal above the card's, and the goals under it of one title.
		const goal = await db
			.selectFrom('goal')
			.select(['id', 'parentId', 'strategyId'])
			.where('id', '=', card.goalId!)
			.executeTakeFirstOrThrow();
		ids.goal = goal.parentId!;
		const indicators = await db
			.insertInto('indicator')
			.values(
				[1, 2].map(() => ({
					goalId: goal.parentId!,
					name: INDICATOR,
					unit: 'osoby',
					baselineValue: 0,
					baselineYear: 2020,
					targetValue: 100,
					targetYear: 2028,
					direction: 'up' as const,
					aggregation: 'sum' as const,
					frequency: 'yearly' as const
				}))
			)
			.returning('id')
			.execute();
		await db
			.updateTable('goal')
			.set({ title: GOAL })
			.where('parentId', '=', goal.parentId)
			.execute();
		const parent = await db
			.selectFrom('goal')
			.select('code')
			.where('id', '=', goal.parentId!)
			.executeTakeFirstOrThrow();
		ids.goalCode = parent.code!;

		// Two strategies of one title.
		const current = await db
			.selectFrom('strategy')
			.select('title')
			.where('id', '=', goal.strategyId)
			.executeTakeFirstOrThrow();
		await db.updateTable('strategy').set({ title: current.title }).execute();

		// The NGO's reports, each with the same link twice: one sent for review, one accepted with
		// values for both indicators.
		const report = {
			cardId: card.id,
			organizationId: ngoOrg.organizationId,
			authorId: ngo,
			periodStart: '2026-03-01',
			periodEnd: '2026-03-31',
			participants: 12,
			links: [LINK, LINK],
			submittedAt: new Date()
		};
		await db
			.insertInto('activityReport')
			.values({ ...report, status: 'submitted', summary: 'DUP-report sent' })
			.execute();
		const accepted = await db
			.insertInto('activityReport')
			.values({
				...report,
				status: 'accepted',
				summary: 'DUP-report accepted',
				reviewedBy: dept,
				reviewedAt: new Date()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('indicatorValue')
			.values(
				indicators.map((i, n) => ({
					indicatorId: i.id,
					reportId: accepted.id,
					periodStart: report.periodStart,
					periodEnd: report.periodEnd,
					value: 5 + n
				}))
			)
			.execute();
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

/** What went wrong in the page: uncaught errors and console errors. */
function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text()}`);
	});
	return errors;
}

/** The page's visible text, collapsed parts included. */
const textOf = (page: Page) =>
	page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		for (const el of body.querySelectorAll('script, style, template')) el.remove();
		return body.textContent ?? '';
	});

const count = (text: string, value: string) => text.split(value).length - 1;

/** Pages, `[board]`, `[card]`, `[goal]` (the one above the card's) and `[person]` for the ids. */
const PAGES: { who: string; path: string; twice?: string[]; once?: string[] }[] = [
	{ who: 'wydzial@', path: '/boards', once: [EDUCATION] },
	{ who: 'wydzial@', path: '/boards/[board]', twice: [CARD], once: [LABEL, PERSON, SHORT] },
	{ who: 'wydzial@', path: '/boards/[board]?view=list', twice: [CARD] },
	{ who: 'wydzial@', path: '/boards/[board]?label=DUP-label', twice: [CARD] },
	{
		who: 'wydzial@',
		path: '/boards/[board]/cards/[card]',
		twice: [LINK, INDICATOR, PERSON],
		once: [LABEL]
	},
	{ who: 'ngo@', path: '/boards/[board]/cards/[card]', twice: [LINK, INDICATOR] },
	{ who: 'wydzial@', path: '/my-work', once: [CARD, LABEL] },
	{ who: 'ngo@', path: '/my-work', once: [CARD] },
	{ who: 'ngo@', path: '/my-reports', twice: [CARD] },
	{ who: 'koordynator@', path: '/goals/[goal]', twice: [GOAL, INDICATOR] },
	{ who: 'koordynator@', path: '/strategies', once: ['Strategia'] },
	{ who: 'koordynator@', path: '/strategies/torun-2028', twice: [GOAL] },
	{ who: 'koordynator@', path: '/dashboard?strategy=torun-2028&year=2026', twice: [INDICATOR] },
	{
		who: 'koordynator@',
		path: '/strategies/torun-2028/report?year=2026',
		once: ['DUP-report accepted']
	},
	{ who: 'koordynator@', path: '/audit', once: [] },
	{ who: 'anonymous', path: '/public', twice: [CARD], once: [GOAL] },
	{ who: 'admin@', path: '/admin/users', twice: [PERSON] },
	{ who: 'admin@', path: '/admin/users/[person]', once: [PERSON] }
];

for (const p of PAGES) {
	test(`${p.who} · ${p.path} shows values that come twice`, async ({ browser }) => {
		const page = await pageFor(browser, server.origin, sessions[p.who]!);
		const errors = watchErrors(page);
		try {
			const url = p.path
				.replace('[board]', String(ids.board))
				.replace('[card]', String(ids.card))
				.replace('[goal]', String(ids.goal))
				.replace('[person]', String(ids.person));
			const res = await page.goto(server.origin + url);
			expect(res?.status(), url).toBe(200);
			await page.waitForLoadState('networkidle');
			// The client has taken over the server's page: a keyed each block checks its keys there.
			await page.waitForTimeout(300);
			const text = await textOf(page);
			for (const value of p.twice ?? [])
				expect(count(text, value), `${url} shows ${value} twice`).toBeGreaterThanOrEqual(2);
			for (const value of p.once ?? []) expect(text, `${url} shows ${value}`).toContain(value);
			expect(errors, url).toEqual([]);
		} finally {
			await page.context().close();
		}
	});
}

// A line of the outline to import that lists items out of order gives two problems of one kind
// on one line: the preview must list both.
test('the outline preview lists two problems of one line', async ({ browser }) => {
	const page = await pageFor(browser, server.origin, sessions['koordynator@']!);
	const errors = watchErrors(page);
	try {
		await page.goto(`${server.origin}/goals/${ids.goal}`);
		await page.waitForLoadState('networkidle');
		const code = ids.goalCode;
		await page.getByText('Importuj listę zadań').click();
		await page
			.getByLabel('Lista do zaimportowania')
			.fill(`${code}.90. Dziewięćdziesiąty ${code}.1. Pierwszy ${code}.2. Drugi`);
		await page.getByRole('button', { name: 'Pokaż podgląd' }).click();
		await expect(page.locator('.problems li')).toHaveCount(2);
		expect(errors).toEqual([]);
	} finally {
		await page.context().close();
	}
});
