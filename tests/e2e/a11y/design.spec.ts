import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';
import { expectNoViolations, type Language } from './axe';

// The design system and the app shell: every main page fits a phone and a desktop without
// sideways scrolling and without a script error; axe passes in both themes and both languages;
// the theme switch works and the server sends the chosen theme, so the first paint has it.

type Theme = 'light' | 'dark';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };

async function open(
	browser: Browser,
	baseURL: string,
	options: { email?: string; language?: Language; theme?: Theme | 'system'; phone?: boolean }
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
	const context = await browser.newContext({
		...(options.phone ? PHONE : DESKTOP),
		locale: options.language === 'en' ? 'en-GB' : 'pl-PL'
	});
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
	if (options.email) {
		await page.goto('/login');
		const form = page.locator('form', { has: page.locator('input[name="password"]') });
		await form.locator('input[name="email"]').fill(options.email);
		await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
		await form.locator('button[type="submit"]').click();
		await expect(page).not.toHaveURL(/\/login/);
	}
	// After the sign-in, which sets the language kept on the account.
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: options.language ?? 'pl', url: baseURL },
		{ name: 'theme', value: options.theme ?? 'light', url: baseURL }
	]);
	return { page, errors, close: () => context.close() };
}

/** The page is no wider than the window: nothing makes the whole page scroll sideways. */
async function expectNoOverflow(page: Page, width: number) {
	const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
	expect.soft(scrollWidth, `${page.url()} at ${width}px: page width`).toBeLessThanOrEqual(width);
}

/** A link's path found on the current page (ids are not written down). */
async function hrefOf(page: Page, selector: string) {
	const href = await page.locator(selector).first().getAttribute('href');
	expect(href, `${selector} on ${page.url()}`).toBeTruthy();
	return href!;
}

// The pages of this design's reach, by the roles that use them. The board, the card dialog and
// the audit log are laid out by their own work and checked by their own tests.
const PAGES: Record<string, (page: Page) => Promise<string[]>> = {
	'koordynator@torun.example': async (page) => {
		await page.goto('/strategies');
		const strategy = await hrefOf(page, 'main a[href^="/strategies/"]');
		await page.goto(`${strategy}?expand=all`);
		const goal = await hrefOf(page, 'main a[href^="/goals/"]');
		return [
			'/',
			'/my-work',
			'/boards',
			'/strategies',
			`${strategy}?expand=all`,
			goal,
			`${strategy}/report`,
			'/dashboard',
			'/my-reports',
			'/notifications'
		];
	},
	'admin@torun.example': async (page) => {
		await page.goto('/admin/users');
		const person = await hrefOf(page, 'main a[href^="/admin/users/"]:not([href$="/new"])');
		return ['/admin/users', person, '/admin/users/new'];
	},
	'ngo@torun.example': async () => ['/', '/my-work', '/boards', '/my-reports'],
	anonymous: async () => ['/login', '/public', '/public/deklaracja-dostepnosci']
};

test.describe.configure({ timeout: 120_000 });

for (const [who, pagesOf] of Object.entries(PAGES)) {
	test(`${who}: every page fits a phone and a desktop, with no script error`, async ({
		browser,
		baseURL
	}) => {
		for (const phone of [true, false]) {
			const email = who === 'anonymous' ? undefined : who;
			const { page, errors, close } = await open(browser, baseURL!, { email, phone });
			for (const path of await pagesOf(page)) {
				const response = await page.goto(path);
				expect.soft(response?.status(), `${path}: status`).toBe(200);
				await expectNoOverflow(page, phone ? 390 : 1440);
			}
			expect(errors).toEqual([]);
			await close();
		}
	});
}

// Each theme and language once, the pages spread over the roles that use them.
const AXE: { theme: Theme; language: Language; email?: string; paths: string[] }[] = [
	{
		theme: 'light',
		language: 'pl',
		email: 'koordynator@torun.example',
		paths: ['/', '/strategies', '/dashboard', '/notifications']
	},
	{
		theme: 'dark',
		language: 'pl',
		email: 'ngo@torun.example',
		paths: ['/', '/boards', '/my-work']
	},
	{
		theme: 'light',
		language: 'en',
		email: 'admin@torun.example',
		paths: ['/admin/users', '/my-reports']
	},
	{
		theme: 'dark',
		language: 'en',
		email: 'koordynator@torun.example',
		paths: ['/strategies', '/admin/users/new']
	},
	{ theme: 'dark', language: 'pl', paths: ['/login', '/public'] },
	{ theme: 'light', language: 'en', paths: ['/login', '/public'] }
];

for (const { theme, language, email, paths } of AXE) {
	test(`${email ?? 'anonymous'} (${theme}, ${language}): axe passes`, async ({
		browser,
		baseURL
	}) => {
		const { page, close } = await open(browser, baseURL!, { email, language, theme });
		for (const path of paths) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
			await expectNoViolations(page, `${path} (${theme}, ${language})`);
		}
		if (email === 'koordynator@torun.example') {
			// The goal tree with every branch open, in the dark.
			await page.goto('/strategies');
			await page.locator('main a[href^="/strategies/"]').first().click();
			await page.getByRole('link', { name: /Expand all|Rozwiń wszystko/ }).click();
			await expectNoViolations(page, `goal tree (${theme}, ${language})`);
		}
		await close();
	});
}

test('on a phone: a one-row header, the navigation in a sheet, which passes axe', async ({
	browser,
	baseURL
}) => {
	const { page, close } = await open(browser, baseURL!, {
		email: 'wydzial@torun.example',
		theme: 'dark',
		language: 'en',
		phone: true
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
	await close();
});

test('the theme switch: applied at once, kept on reload, sent by the server', async ({
	browser,
	baseURL
}) => {
	const { page, close } = await open(browser, baseURL!, {
		email: 'wydzial@torun.example',
		theme: 'system'
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
	await close();
});
