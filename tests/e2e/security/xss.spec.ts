import { expect, test } from '@playwright/test';
import { ANONYMOUS, signInSession, type Session } from './http';
import { WHO } from './route-table';
import { injected, pageFor, shown, visit } from './xss-checks';
import { IMG, SVG, loadXssWorld, type XssWorld } from './xss-world';

// Stored and reflected XSS: hostile text in every field people can write (./xss-world.ts), then
// every page that shows it, in Chromium. No dialog may open, and the DOM may hold nothing the text
// brought: no script made of it, no element with an event-handler attribute, no javascript: URL,
// no frame. Each page must show the hostile text as text, so the check is not of an empty page.

let baseURL: string;
let world: XssWorld;
const sessions: Record<string, Session> = {};

// Playwright reads the fixtures a hook asks for from its first parameter: none here.
// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
	baseURL = testInfo.project.use.baseURL!;
	for (const who of WHO)
		sessions[who] =
			who === 'anonymous' ? ANONYMOUS : await signInSession(baseURL, `${who}torun.example`);
	world = await loadXssWorld(baseURL, sessions);
});

const PAGES: { who: string; path: (w: XssWorld) => string; markers: string[] }[] = [
	{ who: 'koordynator@', path: (w) => `/boards/${w.boardId}`, markers: ['XSS-card', 'XSS-column'] },
	{
		who: 'koordynator@',
		path: (w) => `/boards/${w.boardId}?view=list`,
		markers: [shown('XSS-card')]
	},
	{
		who: 'koordynator@',
		path: (w) => `/boards/${w.boardId}/cards/${w.cardId}`,
		markers: [shown('XSS-card'), 'XSS-card-description', "'; drop table card; --"]
	},
	{
		who: 'koordynator@',
		path: (w) => `/boards/${w.boardId}/cards/${w.seedCardId}`,
		markers: ['XSS-comment', shown('XSS-person'), shown('XSS-report'), shown('XSS-outputs')]
	},
	{ who: 'wydzial@', path: (w) => `/boards/${w.boardId}/settings`, markers: [`XSS-column ${IMG}`] },
	{
		who: 'koordynator@',
		path: (w) => `/goals/${w.newGoalId}`,
		markers: [shown('XSS-goal'), 'XSS-goal-description', shown('XSS-indicator')]
	},
	{ who: 'koordynator@', path: (w) => `/goals/${w.goalId}`, markers: [shown('XSS-goal')] },
	{ who: 'koordynator@', path: () => '/strategies/torun-2028', markers: [shown('XSS-goal')] },
	{ who: 'xss', path: () => '/my-work', markers: ['XSS-person'] },
	// The list names the card of each report: the seed's card, checked for what its report brought.
	{ who: 'ngo@', path: () => '/my-reports', markers: [] },
	{ who: 'ngo@', path: () => '/notifications', markers: ['XSS-person'] },
	{ who: 'koordynator@', path: () => '/audit', markers: ['XSS-card', 'XSS-person'] },
	{ who: 'anonymous', path: () => '/public', markers: ['XSS-card'] },
	{ who: 'koordynator@', path: () => '/dashboard?strategy=torun-2028', markers: [] },
	{
		who: 'koordynator@',
		path: () => '/strategies/torun-2028/report?year=2026',
		markers: [shown('XSS-report'), 'XSS-card', 'XSS-indicator']
	},
	{ who: 'admin@', path: () => '/admin/users', markers: [shown('XSS-person')] },
	{ who: 'admin@', path: (w) => `/admin/users/${w.personId}`, markers: [] },
	// Reflected: hostile text in the query strings of filters and searches.
	{
		who: 'koordynator@',
		path: (w) => `/boards/${w.boardId}?q=${encodeURIComponent(SVG)}`,
		markers: []
	},
	{
		who: 'koordynator@',
		path: (w) =>
			`/boards/${w.boardId}?view=list&q=${encodeURIComponent(IMG)}&label=${encodeURIComponent(SVG)}`,
		markers: []
	},
	{
		who: 'koordynator@',
		path: () => `/audit?type=${encodeURIComponent(SVG)}&actor=${encodeURIComponent(IMG)}`,
		markers: []
	},
	{ who: 'admin@', path: () => `/admin/users?q=${encodeURIComponent(SVG)}`, markers: [] },
	{ who: 'koordynator@', path: () => `/my-work?q=${encodeURIComponent(SVG)}`, markers: [] },
	{
		who: 'anonymous',
		path: () => `/login?redirectTo=${encodeURIComponent('javascript:alert(1)')}`,
		markers: []
	}
];

/** The paths with their parameters named, for the tests' titles. */
const NAMED = {
	boardId: '[board]',
	cardId: '[card]',
	seedCardId: '[seed card]',
	goalId: '[1]',
	newGoalId: '[new goal]',
	personId: '[person]'
} as unknown as XssWorld;

for (const p of PAGES) {
	test(`${p.who} · ${p.path(NAMED)} shows hostile text as text`, async ({ browser }) => {
		const session = p.who === 'xss' ? world.person : sessions[p.who]!;
		const page = await pageFor(browser, baseURL, session);
		try {
			await visit(page, p.path(world), p.markers);
		} finally {
			await page.context().close();
		}
	});
}

test('a link that is not http(s) is refused in an activity report', async () => {
	const { request } = await import('./http');
	const seedCard = `/boards/${world.boardId}/cards/${world.seedCardId}`;
	const answer = await request(baseURL, sessions['ngo@']!, `${seedCard}/reports?/save`, {
		organizationId: '1',
		periodStart: '2026-11-01',
		periodEnd: '2026-11-30',
		summary: 'Link',
		participants: '',
		outputs: '',
		links: 'javascript:alert(1)'
	});
	expect(answer.summary).toBe('400');
	expect(answer.body).toContain('links');
});

test('the check finds what an injection would leave, and the dialog it would open', async ({
	page
}) => {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await page.setContent(
		`<p>${IMG}</p><p>${SVG}</p><a href="javascript:alert(1)">a</a><iframe></iframe><script>alert(1)</script>`
	);
	const found = await injected(page);
	for (const what of ['IMG onerror', 'svg onload', 'A href=javascript:', 'script alert(1)'])
		expect(found.join('\n'), what).toContain(what);
	expect(found.some((f) => f.startsWith('<iframe'))).toBe(true);
	await expect.poll(() => dialogs.length).toBeGreaterThan(0);
});
