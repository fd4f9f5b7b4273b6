import { expect, test } from '@playwright/test';
import { request, signInSession, type Session } from './http';
import { readData } from './resources';
import { WHO } from './route-table';
import { loadXssWorld, type XssWorld } from './xss-world';

// SQL-shaped text: stored and shown literally (./xss.spec.ts shows it on the card), and in the
// query strings of searches and filters it is text, never SQL or a LIKE pattern: `%` and `_`
// match only themselves, quotes and `OR 1=1` only text that holds them, and a filter that is not
// what it should be is ignored, not an error.

let baseURL: string;
let world: XssWorld;
const sessions: Record<string, Session> = {};

// Playwright reads the fixtures a hook asks for from its first parameter: none here.
// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
	baseURL = testInfo.project.use.baseURL!;
	for (const who of WHO.filter((w) => w !== 'anonymous'))
		sessions[who] = await signInSession(baseURL, `${who}torun.example`);
	world = await loadXssWorld(baseURL, sessions);
});

type Row = { id: number; title: string };

async function search(q: string): Promise<Row[]> {
	const staff = sessions['koordynator@']!;
	const query = new URLSearchParams({ view: 'list', rows: '5000', q });
	return (await readData(baseURL, staff, `/boards/${world.boardId}?${query}`)).rows as Row[];
}

test('a board search matches % _ \\ quotes and OR 1=1 as text', async () => {
	const all = await search('');
	expect(all.length).toBeGreaterThan(3);
	// Only the hostile card's description holds these, literally.
	for (const q of ['%_\\', "'; drop table card; --", '1 OR 1=1', '%_'])
		expect(
			(await search(q)).map((r) => r.id),
			q
		).toEqual([world.cardId]);
	// A wildcard alone matches what holds it, not everything.
	for (const q of ['%', '_']) {
		const found = await search(q);
		expect(found.length, q).toBeLessThan(all.length);
		expect(
			found.map((r) => r.id),
			q
		).toContain(world.cardId);
	}
	// And the table is still there.
	expect((await search('')).length).toBe(all.length);
});

test('the people search of the administrator treats % and _ as text', async () => {
	const admin = sessions['admin@']!;
	const people = async (q: string) =>
		(await readData(baseURL, admin, `/admin/users?q=${encodeURIComponent(q)}`)).people as {
			email: string;
		}[];
	expect((await people('')).length).toBeGreaterThan(5);
	for (const q of ['%', '_', "' OR '1'='1", '1 OR 1=1']) expect(await people(q), q).toEqual([]);
	expect((await people('%torun%')).length, '%torun%').toBe(0);
});

test('filters that are not ids, types or dates are ignored or refused, never an error', async () => {
	const staff = sessions['koordynator@']!;
	const hostile = encodeURIComponent('1 OR 1=1; drop table card; --');
	const paths = [
		`/boards/${world.boardId}?goal=${hostile}&org=${hostile}&assignee=${hostile}&due=${hostile}&sort=${hostile}&dir=${hostile}`,
		`/boards/${world.boardId}?view=list&label=${hostile}&per=${hostile}&rows=${hostile}`,
		`/my-work?goal=${hostile}&q=${hostile}`,
		`/audit?type=${hostile}&actor=${hostile}&entity=${hostile}&from=${hostile}&to=${hostile}`,
		`/audit/export.csv?type=${hostile}&actor=${hostile}`,
		`/strategies/torun-2028/report?year=${hostile}&from=${hostile}`,
		`/dashboard?strategy=${hostile}&year=${hostile}&goal=${hostile}&org=${hostile}`
	];
	for (const path of paths) {
		const answer = await request(baseURL, staff, path);
		expect(['200', '400', '404'], `${path}: ${answer.body.slice(0, 200)}`).toContain(
			answer.summary
		);
		expect(answer.body).not.toMatch(/syntax error|at Object\.|\.ts:\d+/);
	}
	expect((await search('')).length).toBeGreaterThan(3);
});
