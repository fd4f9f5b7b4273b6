import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import { parseReportQueueQuery } from '../../src/lib/schemas/report-queues';
import {
	can,
	cardFacts,
	loadViewer,
	type Actor,
	type Viewer
} from '../../src/lib/server/auth/policy';
import { deskPage } from '../../src/lib/server/pages/desk';
import { reportQueues } from '../../src/lib/server/reports/queue';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The desk and the report queues on the demo data: every demo account finds something in each
// section meant for them, and every row is one the policy lets them see (and, in "to review",
// review).

let t: TestDatabase;
const people: Record<string, Viewer> = {};
const ACCOUNTS = ['admin', 'koordynator', 'wydzial', 'ngo', 'powiat'] as const;

const queue = (who: string, query = '') =>
	reportQueues(t.db, people[who]!, parseReportQueueQuery(new URLSearchParams(query)));

beforeAll(async () => {
	t = await createTestDatabase();
	await seedDatabase(t.db, { demo: true });
	for (const name of ACCOUNTS) {
		const user = await t.db
			.selectFrom('user')
			.select(['id', 'role'])
			.where('email', '=', `${name}@torun.example`)
			.executeTakeFirstOrThrow();
		people[name] = await loadViewer(t.db, user as Actor);
	}
}, 120_000);

afterAll(() => t.destroy());

describe('the desk on the demo data', () => {
	it('shows the department manager a report to review, a card due this week and a mention', async () => {
		const desk = await deskPage(t.db, people.wydzial!);
		expect(desk.reviewer).toBe(true);
		expect(desk.toReview.rows.map((r) => r.cardTitle)).toContain(
			'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026'
		);
		expect(desk.toReview.rows.every((r) => r.status === 'submitted')).toBe(true);
		const soon = desk.due.rows.filter((c) => c.dueDate! >= desk.today);
		expect(soon.length).toBeGreaterThan(0);
		expect(desk.mentions.total).toBeGreaterThan(0);
		expect(desk.boards.length).toBeGreaterThan(0);
		expect(desk.overview).toBeNull();
	});

	it('shows the NGO member a returned report with its reason and an unread mention', async () => {
		const desk = await deskPage(t.db, people.ngo!);
		expect(desk.reviewer).toBe(false);
		expect(desk.toReview.rows).toEqual([]);
		expect(desk.returned.rows).toHaveLength(1);
		expect(desk.returned.rows[0]!.returnReason).toMatch(/listy obecności/);
		expect(desk.mentions.rows[0]!.excerpt).toMatch(/listy obecności/);
		expect(desk.due.total).toBeGreaterThan(0);
		// Only their own boards' and partners' boards.
		for (const board of desk.boards) expect(board.cardCount).toBeGreaterThan(0);
	});

	it('gives the coordinator and the administrator the overview of the whole strategy', async () => {
		for (const who of ['koordynator', 'admin']) {
			const desk = await deskPage(t.db, people[who]!);
			expect(desk.overview, who).not.toBeNull();
			expect(desk.overview!.overdue).toBeGreaterThan(0);
			expect(desk.overview!.waiting).toBe(2);
			expect(desk.toReview.total, who).toBe(2);
		}
		expect((await deskPage(t.db, people.koordynator!)).due.total).toBeGreaterThan(0);
	});

	it('lists only cards and boards the person may see', async () => {
		for (const who of ACCOUNTS) {
			const viewer = people[who]!;
			const desk = await deskPage(t.db, viewer);
			for (const card of desk.due.rows) {
				expect(can.seeCard(viewer, (await cardFacts(t.db, card.id))!), who).toBe(true);
			}
			for (const mention of desk.mentions.rows)
				expect(can.seeCard(viewer, (await cardFacts(t.db, mention.cardId))!), who).toBe(true);
		}
	});
});

describe('the report queues', () => {
	it('hold for a reviewer exactly the submitted reports they may review', async () => {
		for (const who of ACCOUNTS) {
			const viewer = people[who]!;
			const all = await t.db
				.selectFrom('activityReport')
				.select(['id', 'cardId', 'authorId', 'status'])
				.execute();
			const expected: number[] = [];
			for (const r of all) {
				const facts = (await cardFacts(t.db, r.cardId))!;
				if (
					r.status === 'submitted' &&
					can.seeCard(viewer, facts) &&
					can.reviewReport(viewer, facts, r.authorId)
				)
					expected.push(r.id);
			}
			const q = await queue(who, 'tab=review');
			if (!q.tabs.includes('review')) {
				expect(expected, who).toEqual([]);
				continue;
			}
			expect(q.reports.map((r) => r.id).sort(), who).toEqual(expected.sort());
			expect(q.counts.review, who).toBe(expected.length);
		}
	});

	it("show the author's own reports, drafts and the reason of a return", async () => {
		const q = await queue('ngo', 'tab=mine');
		expect(q.tabs).toEqual(['mine']);
		// This year's five (db/seed/activity.ts) and last year's two of the cards it leads, accepted
		// before the demo's closed cycle closed (db/seed/cycles.ts).
		expect(q.reports.map((r) => r.status).sort()).toEqual(
			['accepted', 'accepted', 'accepted', 'draft', 'returned', 'submitted', 'submitted'].sort()
		);
		// What needs the author comes first.
		expect(q.reports[0]!.status).toBe('returned');
		const returned = await queue('ngo', 'tab=mine&state=returned');
		expect(returned.reports).toHaveLength(1);
		expect(returned.reports[0]!.returnReason).toBeTruthy();
	});

	it('never show someone else\u2019s draft, even to the coordinator', async () => {
		const q = await queue('koordynator', 'tab=all');
		expect(q.tabs).toEqual(['review', 'mine', 'all']);
		// This year's four beyond the draft, and last year's six accepted (db/seed/cycles.ts).
		expect(q.reports.length).toBe(10);
		expect(q.reports.some((r) => r.status === 'draft')).toBe(false);
		const submitted = await queue('koordynator', 'tab=all&state=submitted');
		expect(submitted.reports.map((r) => r.status)).toEqual(['submitted', 'submitted']);
	});

	it('fall back to a tab the person has, and start a reviewer at their queue', async () => {
		expect((await queue('ngo', 'tab=all')).tab).toBe('mine');
		expect((await queue('ngo', 'tab=nonsense')).tab).toBe('mine');
		expect((await queue('wydzial')).tab).toBe('review');
		expect((await queue('powiat')).tabs).toEqual(['mine']);
	});
});
