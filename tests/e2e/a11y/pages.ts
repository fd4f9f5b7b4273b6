import { expect, type Page } from '@playwright/test';

// The pages of the app as each role reaches them: from the main navigation and the links on the
// pages it leads to, as a person would (no ids written down). `visitPages` walks them and calls
// `check` on each one, in the state that is to be checked; what is checked is the spec's.

const EDUCATION = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const COORDINATION = 'Koordynacja Strategii Rozwoju Miasta Torunia 2028';
const COUNTY = 'Budowa ścieżek rowerowych';

export interface Role {
	who: string;
	/** Signed out when there is none. */
	email?: string;
	/** The board whose page, list, settings and a card are checked. */
	board?: string;
	/** Manages that board: its settings page. */
	manager?: boolean;
	/** Administrator or coordinator: the audit log, the monitoring report, re-linking. */
	staff?: boolean;
	/** Administrator: the people pages. */
	admin?: boolean;
}

export const ROLES: Role[] = [
	{ who: 'anonymous' },
	{
		who: 'administrator',
		email: 'admin@torun.example',
		board: COORDINATION,
		manager: true,
		staff: true,
		admin: true
	},
	{
		who: 'coordinator',
		email: 'koordynator@torun.example',
		board: EDUCATION,
		manager: true,
		staff: true
	},
	{ who: 'department manager', email: 'wydzial@torun.example', board: EDUCATION, manager: true },
	{ who: 'NGO member', email: 'ngo@torun.example', board: EDUCATION },
	{ who: 'county staff', email: 'powiat@torun.example', board: COUNTY }
];

/**
 * Which page is being checked. `board`: the board view (its first card); `dialog`: a card's
 * dialog, opened from the board (its box); `scope`: axe limited to this part of the page, the
 * rest having been checked as a page of its own.
 */
export interface Visit {
	what: string;
	status: number;
	kind?: 'board' | 'dialog';
	scope?: string;
}

export type Check = (page: Page, visit: Visit) => Promise<void>;

/** Every path on the page matching `pattern` among the links of `selector`, path and query. */
async function hrefs(page: Page, selector: string, pattern: RegExp) {
	const all = await page.locator(selector).evaluateAll((links) =>
		links.map((a) => {
			const url = new URL((a as HTMLAnchorElement).href);
			return url.pathname + url.search;
		})
	);
	return [...new Set(all.filter((h) => pattern.test(h)))];
}

/** The first href on the page matching `pattern`, which must be there. */
async function firstHref(page: Page, selector: string, pattern: RegExp, what: string) {
	const [href] = await hrefs(page, selector, pattern);
	expect(href, `a link to ${what} on ${page.url()}`).toBeTruthy();
	return href!;
}

/** Opens a page by its address, expects its status, and checks it. */
async function open(
	page: Page,
	check: Check,
	path: string,
	what: string,
	{ status = 200, kind }: Pick<Partial<Visit>, 'status' | 'kind'> = {}
) {
	const response = await page.goto(path);
	expect.soft(response?.status(), `${what} (${path}): status`).toBe(status);
	await check(page, { what, status, kind });
}

/** Walks every page `role` may see, calling `check` on each. */
export async function visitPages(page: Page, role: Role, check: Check) {
	if (!role.email) return visitPublicPages(page, check);

	await open(page, check, '/', 'desk');
	// The main navigation (in the side bar; on a phone the same links are in the menu's sheet).
	const nav = await hrefs(page, '.sidebar nav a', /^\//);
	expect
		.soft(nav.includes('/audit'), `${role.who}: the audit log in the navigation`)
		.toBe(!!role.staff);
	expect
		.soft(nav.includes('/admin/users'), `${role.who}: people in the navigation`)
		.toBe(!!role.admin);
	for (const path of nav.filter((p) => p !== '/')) {
		await open(page, check, path, path.slice(1));
		if (path === '/boards') await visitBoard(page, role, check);
		if (path === '/my-reports') await visitReportTabs(page, check);
		if (path === '/strategies') await visitStrategy(page, role, check);
		if (path === '/admin/users') await visitPeople(page, check);
	}
	const bell = await firstHref(page, 'header a.bell', /^\/notifications/, 'the notifications');
	await open(page, check, bell, 'notifications');
	const mail = await firstHref(
		page,
		'.sidebar a.account-link',
		/^\/account\/email/,
		'e-mail settings'
	);
	await open(page, check, mail, 'e-mail settings');
	await open(page, check, '/no-such-page', 'not found', { status: 404 });
}

/** The role's board: the board view, the list, a card's dialog, quick add's errors, settings. */
async function visitBoard(page: Page, role: Role, check: Check) {
	const board = new URL(
		(await page.getByRole('link', { name: role.board, exact: true }).getAttribute('href'))!,
		page.url()
	).pathname;
	await open(page, check, board, 'board', { kind: 'board' });

	// The first card's dialog, opened from the board as a click on the card opens it.
	await page.locator('main [data-card-id] a[href*="/cards/"]').first().click();
	const dialog = page.locator('dialog.card-dialog');
	await expect(dialog).toBeVisible();
	await check(page, {
		what: 'card dialog',
		status: 200,
		kind: 'dialog',
		scope: 'dialog.card-dialog'
	});
	await dialog.locator('a.close').click();
	await expect(dialog).toHaveCount(0);
	await expect(page).toHaveURL(new RegExp(`${board}$`));

	// A column's quick add sent empty: the server's validation error shown beside the field.
	const opener = page.locator('[data-quick-add]').first();
	if ((await opener.count()) > 0) {
		await opener.click();
		const form = page.locator('form[action="?/create"]');
		// Past the browser's own check of `required`, to reach the server's messages.
		await form.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
		await form.locator('button[type="submit"]').click();
		await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
		await check(page, {
			what: 'new card form with errors',
			status: 200,
			scope: 'form[action="?/create"]'
		});
	}

	const settings = await hrefs(page, 'main .board-tools a', /\/settings$/);
	expect
		.soft(settings.length, `${role.who}: a link to the board's settings`)
		.toBe(role.manager ? 1 : 0);
	for (const path of settings) await open(page, check, path, 'board settings');
	await open(page, check, `${board}?view=list`, 'board, list view');
}

/** The report queues' other tabs (the first is the page itself). */
async function visitReportTabs(page: Page, check: Check) {
	const tabs = await hrefs(
		page,
		'main [data-testid^="reports-tab-"]:not([aria-current="page"])',
		/^\/my-reports\?tab=/
	);
	for (const tab of tabs) await open(page, check, tab, `my reports, ${tab.split('=')[1]}`);
}

/** A strategy's goal tree, expanded, one goal of each level, its report and re-linking. */
async function visitStrategy(page: Page, role: Role, check: Check) {
	const strategy = await firstHref(page, 'main a', /^\/strategies\/[^/?]+$/, 'a strategy');
	// Expanded: the folded tree's content and more (axe skips what is folded away).
	await open(page, check, `${strategy}?expand=all`, 'strategy tree, expanded');
	const levels = ['strategic', 'operational', 'task'];
	const goals = [];
	for (const level of levels)
		goals.push(await firstHref(page, `li.level-${level} a`, /^\/goals\/\d+$/, `a ${level} goal`));
	const report = await hrefs(page, 'main a', /^\/strategies\/[^/]+\/report$/);
	expect
		.soft(report.length, `${role.who}: a link to the monitoring report`)
		.toBe(role.staff ? 1 : 0);
	for (const [i, goal] of goals.entries()) await open(page, check, goal, `${levels[i]} goal`);
	for (const path of report) await open(page, check, path, 'monitoring report');
	await visitCycles(page, strategy, check);
	// The current city edition is the one listed first, the one whose predecessor's cards re-link.
	if (role.staff) await open(page, check, `${strategy}/relink`, 're-linking to a new edition');
}

/** The strategy's reporting cycles, and each cycle (open and closed) as the role sees it. */
async function visitCycles(page: Page, strategy: string, check: Check) {
	await open(page, check, `${strategy}/cycles`, 'reporting cycles');
	const cycles = await hrefs(page, 'main table a', /^\/strategies\/[^/]+\/cycles\/\d+$/);
	expect(cycles.length, 'the demo\u2019s two reporting cycles, at least').toBeGreaterThanOrEqual(2);
	for (const path of cycles) await open(page, check, path, 'a reporting cycle');
}

/** The administrator's: a person, a new person, and the new person's form sent empty. */
async function visitPeople(page: Page, check: Check) {
	const person = await firstHref(page, 'main a', /^\/admin\/users\/\d+$/, 'a person');
	await open(page, check, person, 'a person');
	await open(page, check, '/admin/users/new', 'new person');
	const form = page.locator('main form[method="POST"]').last();
	await form.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
	await form.locator('button[type="submit"]').last().click();
	await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
	await check(page, { what: 'new person form with errors', status: 200 });
}

/** What anyone may open without signing in. */
async function visitPublicPages(page: Page, check: Check) {
	await open(page, check, '/login', 'sign-in');
	await open(page, check, '/public', 'public progress');
	await open(page, check, '/public/deklaracja-dostepnosci', 'accessibility statement');
	await open(page, check, '/public/no-such-page', 'not found', { status: 404 });
}
