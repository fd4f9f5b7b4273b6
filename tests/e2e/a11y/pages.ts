import { expect, type Page } from '@playwright/test';
import { checkPage, expectNoViolations } from './axe';

// The pages of the app, found by following links as a person would (no ids written down), each
// checked with axe. What a role may see decides which of these run for it.

/** The first href on the page matching `pattern`, made absolute-path. */
async function firstHref(page: Page, selector: string, pattern: RegExp, what: string) {
	const hrefs = await page
		.locator(selector)
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	const href = hrefs.find((h) => pattern.test(h));
	expect(href, `a link to ${what} on ${page.url()}`).toBeTruthy();
	return href!;
}

/** The pages everyone signed in has: home, my work, boards, a board, a card, the strategies. */
export async function checkSignedInPages(
	page: Page,
	options: { boardTitle: string; manager: boolean }
) {
	await checkPage(page, '/', 'home');
	await checkPage(page, '/my-work', 'my work');
	await checkPage(page, '/boards', 'boards');
	const board = new URL(
		(await page.getByRole('link', { name: options.boardTitle, exact: true }).getAttribute('href'))!,
		page.url()
	).pathname;
	await checkPage(page, board, 'board');
	await checkPage(page, `${board}?view=list`, 'board, list view');
	const card = await firstHref(page, 'main a', /^\/boards\/[^/]+\/cards\/[^/]+$/, 'a card');
	await checkCardDialog(page, card);
	await checkNewCardErrors(page, board);
	if (options.manager) await checkPage(page, `${board}/settings`, 'board settings');

	await checkPage(page, '/strategies', 'strategies');
	const strategy = await firstHref(page, 'main a', /^\/strategies\/[^/]+$/, 'a strategy');
	// Expanded: the folded tree's content and more (axe skips what is folded away).
	await checkPage(page, `${strategy}?expand=all`, 'strategy tree, expanded');
	// One of each level, from the expanded tree just checked.
	const levels = ['strategic', 'operational', 'task'];
	const goals = [];
	for (const level of levels)
		goals.push(await firstHref(page, `li.level-${level} a`, /^\/goals\/\d+$/, `a ${level} goal`));
	for (const [i, goal] of goals.entries()) await checkPage(page, goal, `${levels[i]} goal`);
	await checkPage(page, '/dashboard', 'dashboard');
	await checkPage(page, '/my-reports', 'my reports');
	await checkPage(page, '/notifications', 'notifications');
	await checkPage(page, '/no-such-page', 'not found', 404);
	return { board, strategy };
}

/** A card's dialog, open, with its comments, reports and edit sections unfolded. */
async function checkCardDialog(page: Page, card: string) {
	await page.goto(card);
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	// Every disclosure in the dialog open: the edit form, the report form, the comment form.
	await dialog
		.locator('details:not([open]) > summary')
		.evaluateAll((summaries) =>
			summaries.forEach((s) => (s.parentElement as HTMLDetailsElement).setAttribute('open', ''))
		);
	await expectNoViolations(page, 'card dialog');
}

/** A column's quick add sent empty: the server's validation error shown beside the field. */
async function checkNewCardErrors(page: Page, board: string) {
	await page.goto(board);
	const opener = page.locator('[data-quick-add]').first();
	if ((await opener.count()) === 0) return; // this person adds no cards on this board
	await opener.click();
	const form = page.locator('form[action="?/create"]');
	// Past the browser's own check of `required`, to reach the server's messages.
	await form.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
	await form.locator('button[type="submit"]').click();
	await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
	await expectNoViolations(page, 'new card form with errors');
}

/** The coordinator's own: the monitoring report and the audit log. */
export async function checkCoordinatorPages(page: Page, strategy: string) {
	await checkPage(page, `${strategy}/report`, 'monitoring report');
	await checkPage(page, '/audit', 'audit log');
	// The current city edition is the one listed first, the one whose predecessor's cards re-link.
	await checkPage(page, `${strategy}/relink`, 'relinking cards to a new edition');
}

/** The administrator's: people, a person, a new person (also sent empty), the audit log. */
export async function checkAdminPages(page: Page) {
	await checkPage(page, '/admin/users', 'people');
	const person = await firstHref(page, 'main a', /^\/admin\/users\/\d+$/, 'a person');
	await checkPage(page, person, 'a person');
	await checkPage(page, '/admin/users/new', 'new person');
	const form = page.locator('main form[method="POST"]').last();
	await form.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
	await form.locator('button[type="submit"]').last().click();
	await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
	await expectNoViolations(page, 'new person form with errors');
	await checkPage(page, '/audit', 'audit log');
}

/** What anyone may open without signing in. */
export async function checkPublicPages(page: Page) {
	await checkPage(page, '/login', 'sign-in');
	await checkPage(page, '/public', 'public progress');
	await checkPage(page, '/public/deklaracja-dostepnosci', 'accessibility statement');
	await checkPage(page, '/public/no-such-page', 'not found', 404);
}
