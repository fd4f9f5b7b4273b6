import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// The board on a phone (390×844): the first card on the first screen, nothing wider than the
// screen, one column at a time with tabs above that switch between them, filters in a sheet.

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const BOARD = 'Koordynacja Strategii Rozwoju Miasta Torunia 2028';
const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('on a phone the first card shows at once, the page keeps to the screen, tabs switch columns', async ({
	page
}) => {
	await signIn(page, 'koordynator@torun.example');
	await page.goto('/boards');
	await page.getByRole('link', { name: BOARD, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(BOARD);
	await expect(
		page.getByRole('list', { name: 'Na tablicy teraz' }).getByRole('listitem')
	).not.toHaveCount(0);

	// The first card, whole, inside the first screen, before any scrolling.
	const first = column(page, 'Zaplanowane').locator('[data-card-id]').first();
	const box = (await first.boundingBox())!;
	expect(box.y).toBeGreaterThanOrEqual(0);
	expect(box.y + box.height).toBeLessThanOrEqual(844);
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(390);

	// Nothing spills sideways: the page is as wide as the screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// One column fills the screen; the tab of the one in view is marked; a tab brings its column.
	const tabs = page.getByRole('navigation', { name: 'Kolumny tablicy' });
	const tab = (name: string) => tabs.getByRole('button', { name: new RegExp(`^${name}`) });
	await expect(tab('Zaplanowane')).toHaveAttribute('aria-current', 'true');
	const inView = async (name: string) => {
		const b = (await column(page, name).boundingBox())!;
		return b.x >= 0 && b.x + b.width <= 390;
	};
	expect(await inView('Zaplanowane')).toBe(true);
	expect(await inView('Zagrożone')).toBe(false);
	await tab('Zagrożone').tap();
	await expect.poll(() => inView('Zagrożone')).toBe(true);
	expect(await inView('Zaplanowane')).toBe(false);
	await expect(tab('Zagrożone')).toHaveAttribute('aria-current', 'true');
	await expect(tab('Zaplanowane')).not.toHaveAttribute('aria-current', 'true');
	await tab('Zaplanowane').tap();
	await expect.poll(() => inView('Zaplanowane')).toBe(true);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	// The other filters come up as a sheet along the bottom of the screen.
	const filters = page.getByRole('search', { name: 'Filtry' });
	await filters.locator('summary', { hasText: 'Filtry' }).tap();
	const sheet = filters.getByRole('group', { name: 'Filtry' });
	await expect(sheet).toBeVisible();
	const sheetBox = (await sheet.boundingBox())!;
	expect(Math.round(sheetBox.y + sheetBox.height)).toBe(844);
	expect(Math.round(sheetBox.width)).toBe(390);
});
