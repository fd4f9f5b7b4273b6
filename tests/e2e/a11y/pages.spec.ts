import { expect, test, type Page } from '@playwright/test';
import { contextFor, DESKTOP, expectNoViolations, PHONE, type Language, type Theme } from './axe';
import { ROLES, visitPages, type Visit } from './pages';

// Every page, for every role, at 390×844 (a phone, emulated) and 1440×900: no sideways
// scrolling, the board's first card on the first screen, the card dialog inside the window (a
// full-screen sheet on a phone), axe (WCAG 2.1 A and AA) clean in both themes and both languages,
// and no script error. The pages are those `pages.ts` reaches for each role by following links.
//
// Pairwise, to keep the time down: each role walks all its pages twice, in one browser context
// each, once in light, Polish, on a desktop and once in dark, English, on a phone. Every page and
// role is so checked in both themes, both languages and both sizes (though not in every
// combination of them). Layout and script errors are checked in both walks, axe in both.

const LOOKS = [
	{ theme: 'light', language: 'pl', size: DESKTOP, name: 'desktop 1440×900' },
	{ theme: 'dark', language: 'en', size: PHONE, name: 'phone 390×844' }
] as const satisfies { theme: Theme; language: Language; size: object; name: string }[];

// A role's few dozen pages, each with axe: more than the default 30 s a test.
// The walks only read, so they may run side by side (playwright.config.ts gives them two workers).
test.describe.configure({ mode: 'parallel', timeout: 300_000 });

/** Script errors: uncaught exceptions and console errors, but a 404's own "failed to load". */
function collectErrors(page: Page) {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	return errors;
}

for (const role of ROLES) {
	for (const look of LOOKS) {
		const { theme, language, size } = look;
		const { width, height } = size.viewport;
		test(`${role.who}, ${theme}, ${language}, ${look.name}: every page fits, passes axe, throws nothing`, async ({
			browser,
			baseURL
		}) => {
			const { context, page } = await contextFor(browser, baseURL!, language, role.email, {
				theme,
				size
			});
			const errors = collectErrors(page);
			const where = (visit: Visit) =>
				`${role.who}, ${visit.what} (${theme}, ${language}, ${width})`;

			await visitPages(page, role, async (page, visit) => {
				const label = where(visit);
				const shown = await page.evaluate(() => ({
					width: document.documentElement.scrollWidth,
					theme: document.documentElement.dataset.theme,
					lang: document.documentElement.lang
				}));
				expect.soft(shown.width, `${label}: the page's width`).toBeLessThanOrEqual(width);
				expect
					.soft([shown.theme, shown.lang], `${label}: theme and language`)
					.toEqual([theme, language]);
				if (visit.kind === 'board') await expectFirstCardShown(page, label, width, height);
				if (visit.kind === 'dialog')
					await expectDialogInView(page, label, width, height, visit.scope);
				else await expectNoViolations(page, label, visit.scope);
				const unexpected = errors.filter(
					(e) => !(visit.status !== 200 && e.includes(`status of ${visit.status}`))
				);
				expect.soft(unexpected, `${label}: script errors`).toEqual([]);
				errors.length = 0;
			});
			await context.close();
		});
	}
}

/** The board's first card (its top, at least) on the first screen, before any scrolling. */
async function expectFirstCardShown(page: Page, label: string, width: number, height: number) {
	const card = page.locator('main [data-card-id]').first();
	await expect(card, `${label}: a card`).toBeVisible();
	const box = (await card.boundingBox())!;
	expect.soft(box.y, `${label}: the first card's top`).toBeGreaterThanOrEqual(0);
	expect
		.soft(box.y + Math.min(box.height, 80), `${label}: the first card's top part, its bottom`)
		.toBeLessThanOrEqual(height);
	expect.soft(box.x, `${label}: the first card's left`).toBeGreaterThanOrEqual(0);
	expect.soft(box.x + box.width, `${label}: the first card's right`).toBeLessThanOrEqual(width);
}

/**
 * The card dialog inside the window: on a phone a full-screen sheet, on a desktop a wide dialog
 * over the dimmed board; its close button in view and big enough to hit. Then axe on the dialog
 * with its edit, report and comment sections unfolded (the board behind it is checked as a page).
 */
async function expectDialogInView(
	page: Page,
	label: string,
	width: number,
	height: number,
	scope?: string
) {
	const dialog = page.locator('dialog.card-dialog');
	const box = (await dialog.boundingBox())!;
	expect.soft(box.x, `${label}: left`).toBeGreaterThanOrEqual(0);
	expect.soft(box.y, `${label}: top`).toBeGreaterThanOrEqual(0);
	expect.soft(box.x + box.width, `${label}: right`).toBeLessThanOrEqual(width);
	expect.soft(box.y + box.height, `${label}: bottom`).toBeLessThanOrEqual(height);
	if (width < 1024) {
		expect.soft([box.width, box.height], `${label}: a full-screen sheet`).toEqual([width, height]);
	} else {
		expect.soft(box.width, `${label}: width`).toBeGreaterThanOrEqual(960);
		expect.soft(box.width, `${label}: width`).toBeLessThanOrEqual(1100);
	}
	const close = (await dialog.locator('a.close').boundingBox())!;
	expect
		.soft(close.x + close.width, `${label}: the close button's right`)
		.toBeLessThanOrEqual(width);
	expect.soft(close.y, `${label}: the close button's top`).toBeGreaterThanOrEqual(0);
	expect.soft(close.width, `${label}: the close button's width`).toBeGreaterThanOrEqual(44);

	await dialog
		.locator('details:not([open]) > summary')
		.evaluateAll((summaries) =>
			summaries.forEach((s) => (s.parentElement as HTMLDetailsElement).setAttribute('open', ''))
		);
	await expectNoViolations(page, label, scope);
}
