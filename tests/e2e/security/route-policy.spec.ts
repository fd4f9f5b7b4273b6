import { expect, test } from '@playwright/test';
import { ANONYMOUS, request, signInSession, type Session } from './http';
import { findResources, type Resources } from './resources';
import { ROUTE_TABLE, WHO, type Entry, type Who } from './route-table';
import { operationKey, routeOperations } from './routes';

// Every page, form action and endpoint method of the route tree against the declared policy
// table (./route-table.ts), over HTTP against the built app, for each demo account and an
// anonymous visitor. A route without an entry fails, and so does an entry without a route.

let baseURL: string;
let resources: Resources;
const sessions = new Map<Who, Session>();
const emailOf = (who: Who) => `${who}torun.example`;

// Playwright reads the fixtures a hook asks for from its first parameter: none here.
// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
	baseURL = testInfo.project.use.baseURL!;
	for (const who of WHO)
		sessions.set(who, who === 'anonymous' ? ANONYMOUS : await signInSession(baseURL, emailOf(who)));
	resources = await findResources(baseURL, sessions.get('koordynator@')!, sessions.get('admin@')!);
});

test('every route, action and method of src/routes has a policy entry', () => {
	const declared = new Set(ROUTE_TABLE.map(operationKey));
	const missing = routeOperations()
		.map(operationKey)
		.filter((k) => !declared.has(k));
	expect(missing, 'operations without an entry in tests/e2e/security/route-table.ts').toEqual([]);
});

test('every policy entry names a route, action or method that exists, once', () => {
	const existing = new Set(routeOperations().map(operationKey));
	const keys = ROUTE_TABLE.map(operationKey);
	expect(
		keys.filter((k) => !existing.has(k)),
		'entries without a route'
	).toEqual([]);
	expect(
		keys.filter((k, i) => keys.indexOf(k) !== i),
		'entries declared twice'
	).toEqual([]);
});

/** The URL of an entry: a page or endpoint as is, a form action with its `?/name`. */
function urlOf(entry: Entry): string {
	const path = entry.path(resources);
	if (!entry.op.startsWith('?/')) return path;
	return entry.op === '?/default' ? path : `${path}?${entry.op.slice(1)}`;
}

for (const entry of ROUTE_TABLE) {
	test(`${entry.op} ${entry.route} · ${entry.who}`, async () => {
		for (const who of WHO) {
			// Signing out ends the session it is sent with: each account signs out one of its own.
			const session =
				entry.route === '/logout' && entry.op !== 'GET' && who !== 'anonymous'
					? await signInSession(baseURL, emailOf(who))
					: sessions.get(who)!;
			// An endpoint's method other than GET is sent as it is, with no body.
			const method = /^[A-Z]+$/.test(entry.op) && entry.op !== 'GET' ? entry.op : undefined;
			const answer = await request(baseURL, session, urlOf(entry), entry.form?.(resources), method);
			expect.soft(answer.summary, `${who} ${entry.op} ${urlOf(entry)}`).toBe(entry.expect[who]);
		}
	});
}

test('the accounts are still signed in after the table', async () => {
	for (const who of WHO.filter((w) => w !== 'anonymous')) {
		const answer = await request(baseURL, sessions.get(who)!, '/boards');
		expect(answer.summary, who).toBe('200');
	}
});
