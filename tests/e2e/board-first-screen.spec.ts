import { expect, test, type Page } from '@playwright/test';
import { openBoardNamed, signedInPage } from './helpers';

// The board sends a column's first twelve cards; the rest come as one scrolls towards the end of
// the column. Without JavaScript, the same link asks for them. The cards are added to the NGO's
// own board, which no other spec reads.

const BOARD = 'Fundacja Edukacji Pozaformalnej – projekty 2026';
const COLUMN = 'Zagrożone';
const ADDED = 15;

const column = (page: Page) => page.getByRole('list', { name: COLUMN, exact: true });

test('a long column: twelve cards at first, the rest as one scrolls down, and a link without JavaScript', async ({
	browser,
	baseURL
}) => {
	const page = await signedInPage(browser, 'ngo@torun.example');
	await page.setViewportSize({ width: 1440, height: 900 });
	await openBoardNamed(page, BOARD);
	await page.waitForURL(/\/boards\/\d+$/);
	const board = new URL(page.url()).pathname;
	const before = await column(page).locator(':scope > li').count();
	const columnId = await page
		.locator('section.column', { has: page.getByRole('heading', { name: COLUMN }) })
		.getAttribute('id');
	// Cards added through the board's own create action, as the quick add sends it.
	for (let i = 1; i <= ADDED; i++) {
		const response = await page.request.post(`${board}?/create`, {
			headers: { 'x-sveltekit-action': 'true', origin: baseURL! },
			form: { title: `Długa kolumna ${i}`, columnId: columnId!.replace('column-', '') }
		});
		expect(await response.text()).toContain('/cards/');
	}
	const all = before + ADDED;

	// The server's answer: twelve tiles in the column, the page's data no more, and a link.
	const html = await (await page.request.get(board)).text();
	const section = html.slice(html.indexOf(`id="${columnId}"`));
	const tilesInColumn =
		section.slice(0, section.indexOf('</section>')).split('<li class="tile').length - 1;
	expect(tilesInColumn).toBe(12);
	expect(html).toContain(`Pokaż więcej kart (jeszcze ${all - 12})`);
	expect(html).not.toContain('Długa kolumna 15');

	// In the browser: scrolled to the column's end, all of them.
	await page.reload();
	await column(page).locator(':scope > li').last().scrollIntoViewIfNeeded();
	await expect(column(page).locator(':scope > li')).toHaveCount(all);
	await expect(page.getByRole('link', { name: /Pokaż więcej kart/ })).toHaveCount(0);
	// The longer column stays after a reload, as the address now asks for it.
	expect(new URL(page.url()).searchParams.get('per')).toBe('62');

	// Without JavaScript: twelve, and the link shows the rest.
	const plain = await browser.newContext({ javaScriptEnabled: false });
	await plain.addCookies(await page.context().cookies());
	const noScript = await plain.newPage();
	await noScript.goto(board);
	await expect(column(noScript).locator(':scope > li')).toHaveCount(12);
	await noScript
		.getByRole('link', { name: `Pokaż więcej kart (jeszcze ${all - 12})`, exact: true })
		.click();
	await expect(column(noScript).locator(':scope > li')).toHaveCount(all);
	await plain.close();
	await page.context().close();
});

test('scrolled down, each column keeps its title in view under the top bar', async ({
	browser
}) => {
	const page = await signedInPage(browser, 'wydzial@torun.example');
	await page.setViewportSize({ width: 1440, height: 600 });
	await openBoardNamed(page, 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe');
	await page.waitForURL(/\/boards\/\d+$/);
	const title = page.getByRole('heading', { name: 'W realizacji', level: 2 });
	const bar = await page.locator('header.site-header').boundingBox();
	await page.mouse.wheel(0, 500);
	await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
	const box = (await title.boundingBox())!;
	expect(box.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
	expect(box.y).toBeLessThan(bar!.y + bar!.height + 40);
	await page.context().close();
});
