import { expect, test, type Page } from '@playwright/test';
import { contextFor, expectNoViolations, type Language } from './a11y/axe';

// Every role's desk (the home page) and reports page, on a phone and a desktop, in both
// languages: what the demo data puts in each section, no sideways scrolling, and axe clean.

const SIZES = [
	{ name: 'phone', width: 390, height: 844 },
	{ name: 'desktop', width: 1440, height: 900 }
] as const;
const ROLES = ['admin', 'koordynator', 'wydzial', 'ngo', 'powiat'] as const;

async function noSidewaysScroll(page: Page, what: string) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect.soft(overflow, `${what}: wider than the screen by`).toBeLessThanOrEqual(0);
}

for (const language of ['pl', 'en'] as Language[]) {
	for (const who of ROLES) {
		test(`${who}@'s desk and reports, ${language}, on a phone and a desktop`, async ({
			browser,
			baseURL
		}) => {
			const { context, page } = await contextFor(
				browser,
				baseURL!,
				language,
				`${who}@torun.example`
			);
			for (const size of SIZES) {
				await page.setViewportSize({ width: size.width, height: size.height });
				for (const path of ['/', '/my-reports']) {
					const response = await page.goto(path);
					expect(response?.status()).toBe(200);
					await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
					await noSidewaysScroll(page, `${who} ${path} ${size.name}`);
					await expectNoViolations(page, `${who} ${path} ${language} ${size.name}`);
				}
			}
			await context.close();
		});
	}
}

test.describe('what each desk holds on the demo data', () => {
	test.use({ locale: 'pl-PL' });

	test('the department manager: a report to review, cards due this week, a mention', async ({
		browser,
		baseURL
	}) => {
		const { page } = await contextFor(browser, baseURL!, 'pl', 'wydzial@torun.example');
		await page.goto('/');
		await expect(page.getByTestId('desk-review').getByTestId('report-row').first()).toContainText(
			'Fundacja Edukacji Pozaformalnej'
		);
		const due = page.getByTestId('desk-due-card');
		await expect(due.filter({ hasText: /za \d+ dni|jutro|dzisiaj/ }).first()).toBeVisible();
		await expect(due.filter({ hasText: 'po terminie' }).first()).toBeVisible();
		await expect(page.getByTestId('desk-mention').first()).toContainText('Krzysztof Wiśniewski');
		await expect(page.getByTestId('desk-board').first()).toBeVisible();
		await expect(page.getByTestId('desk-overview')).toHaveCount(0);
	});

	test('the NGO member: a returned report with its reason, a mention, no review queue', async ({
		browser,
		baseURL
	}) => {
		const { page } = await contextFor(browser, baseURL!, 'pl', 'ngo@torun.example');
		await page.goto('/');
		await expect(page.getByTestId('desk-returned').getByTestId('report-row').first()).toContainText(
			'listy obecności'
		);
		await expect(page.getByTestId('desk-mention').first()).toContainText('Magdalena Zielińska');
		await expect(page.getByTestId('desk-review')).toHaveCount(0);
		await expect(page.getByTestId('desk-due-card').first()).toBeVisible();
	});

	test('the coordinator and the administrator: the whole strategy, never "ask the administrator"', async ({
		browser,
		baseURL
	}) => {
		for (const who of ['koordynator', 'admin']) {
			const { page, context } = await contextFor(browser, baseURL!, 'pl', `${who}@torun.example`);
			await page.goto('/');
			const overview = page.getByTestId('desk-overview');
			await expect(overview).toContainText('Karty po terminie');
			await expect(
				overview.getByRole('link', { name: /Raporty czekające na ocenę/ })
			).toBeVisible();
			await expect(page.getByTestId('desk-review').getByTestId('report-row').first()).toBeVisible();
			await expect(
				page.getByText(/administrator/i).filter({ hasText: /zapytaj|poproś/i })
			).toHaveCount(0);
			if (who === 'admin') {
				await overview.getByRole('link', { name: 'Osoby, role i organizacje' }).click();
				await expect(page).toHaveURL(/\/admin\/users/);
			}
			await context.close();
		}
	});

	test('a section with nothing in it says what would bring something there', async ({
		browser,
		baseURL
	}) => {
		const { page } = await contextFor(browser, baseURL!, 'pl', 'powiat@torun.example');
		await page.goto('/');
		await expect(page.getByTestId('desk-returned')).toContainText(
			'Żaden Twój raport nie czeka na poprawki.'
		);
		await expect(page.getByTestId('desk-mentions')).toContainText('Gdy ktoś oznaczy Cię');
		await page.goto('/my-reports');
		await expect(page.getByTestId('reports-empty')).toContainText('Raporty z działań');
	});
});
