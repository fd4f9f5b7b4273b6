import { expect, test } from '@playwright/test';
import { contextFor, DESKTOP, expectNoViolations, PHONE } from './axe';

// The app shell: on a phone a one-row header and the navigation in a sheet; the theme switch
// works and the server sends the chosen theme, so the first paint has it. That every page fits
// both sizes, passes axe in both themes and languages and throws no script error is checked page
// by page, role by role, in pages.spec.ts.

test('on a phone: a one-row header, the navigation in a sheet, which passes axe', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await contextFor(browser, baseURL!, 'en', 'wydzial@torun.example', {
		theme: 'dark',
		size: PHONE
	});
	await page.goto('/');
	const header = page.locator('header.site-header');
	const height = await header.evaluate((h) => h.getBoundingClientRect().height);
	expect(height).toBeLessThan(64);
	await expect(page.getByTestId('bell')).toBeVisible();
	// The side navigation is not there on a phone; the menu button opens it as a sheet.
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeHidden();
	await page.getByRole('button', { name: 'Menu' }).click();
	const sheet = page.getByRole('dialog', { name: 'Navigation' });
	await expect(sheet).toBeVisible();
	await expect(sheet.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expectNoViolations(page, 'navigation sheet (dark, en)');
	await sheet.getByRole('link', { name: 'Boards', exact: true }).click();
	await expect(page).toHaveURL(/\/boards$/);
	await expect(sheet).toBeHidden();
	await context.close();
});

test('the theme switch: applied at once, kept on reload, sent by the server', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await contextFor(browser, baseURL!, 'pl', 'wydzial@torun.example', {
		theme: 'system',
		size: DESKTOP
	});
	const background = () =>
		page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/strategies');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
	const light = await background();

	await page.getByRole('button', { name: 'Ciemny' }).click();
	await expect(page.getByRole('button', { name: 'Ciemny' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	const dark = await background();
	expect(dark).not.toBe(light);

	// The server writes the choice into the page it sends: the first paint is already dark.
	await expect
		.poll(async () => (await page.context().cookies()).find((c) => c.name === 'theme')?.value)
		.toBe('dark');
	const html = await (await page.request.get('/strategies')).text();
	expect(html).toContain('data-theme="dark"');
	expect(html).toMatch(/<meta name="color-scheme" content="dark"/);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	expect(await background()).toBe(dark);

	// Following the system again: dark or light as the device says.
	await page.getByRole('button', { name: 'Jak w systemie' }).click();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
	expect(await background()).toBe(light);
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await background()).toBe(dark);
	await context.close();
});
