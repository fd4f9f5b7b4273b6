import { expect, test } from '@playwright/test';
import { contextFor } from './a11y/axe';

// Every role's desk (the home page) and reports page: what the demo data puts in each section.
// That both fit a phone and a desktop and pass axe in both themes and languages, for every role,
// is checked with every other page in a11y/pages.spec.ts.

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
