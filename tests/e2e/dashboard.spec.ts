import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// The dashboards in a real browser: each role's starting point, the charts drawn by Chart.js, and
// each chart's table holding the same figures as the breakdown tables. Figures are compared with
// each other rather than with fixed numbers, since other tests change the demo boards.

const cellNumbers = async (page: Page, selector: string) =>
	(await page.locator(selector).allInnerTexts()).map((t) => Number(t.replace(/\D+.*$/s, '')));

test('the coordinator’s dashboard draws its charts, each with a table of the same figures', async ({
	page
}) => {
	await signIn(page, 'koordynator@torun.example');
	await page.getByRole('link', { name: 'Pulpit', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Pulpit monitorowania' })).toBeVisible();
	await expect(page.getByLabel('Strategia', { exact: true })).toHaveValue('torun-2028');
	await expect(page.getByLabel('Organizacja')).toHaveValue('all');

	// Every chart is drawn (the loading note gives way to a canvas with a size).
	// Cards done, by goal and by organisation; indicators too once a test has defined one.
	const charts = page.locator('figure.chart');
	await expect(charts.first()).toBeVisible();
	expect(await charts.count()).toBeGreaterThanOrEqual(3);
	await expect(page.getByText('Wczytywanie wykresu…')).toHaveCount(0);
	for (const canvas of await page.locator('figure.chart canvas').all()) {
		const box = await canvas.boundingBox();
		expect(box!.width).toBeGreaterThan(100);
		expect(box!.height).toBeGreaterThan(100);
	}

	// The status-by-goal chart's table adds up to the breakdown table's cards, goal by goal.
	const goalsChart = page.locator('figure', { has: page.getByTestId('chart-goals-table') });
	await goalsChart.getByText('Dane wykresu w tabeli').click();
	const table = page.getByTestId('chart-goals-table');
	await expect(table).toBeVisible();
	const rows = await table.locator('tbody tr').all();
	const sums = [];
	for (const row of rows) {
		const figures = (await row.locator('td').allInnerTexts()).map(Number);
		sums.push(figures.reduce((a, b) => a + b, 0));
	}
	const cards = await cellNumbers(page, '[data-testid=breakdown-goals] tbody td:nth-of-type(1)');
	expect(sums).toEqual(cards);
	const total = Number(
		await page
			.getByTestId('dashboard-summary')
			.locator('div', { hasText: 'Karty' })
			.locator('dd')
			.innerText()
	);
	expect(sums.reduce((a, b) => a + b, 0)).toBe(total);
	expect(total).toBeGreaterThan(0);

	// One organisation: the scope is in the address and the heading.
	await page.getByLabel('Organizacja').selectOption({ label: 'Wydział Edukacji' });
	await page.getByRole('button', { name: 'Pokaż' }).click();
	await expect(page).toHaveURL(/org=\d+/);
	await expect(
		page.getByRole('heading', { level: 2, name: /Organizacja: Wydział Edukacji/ })
	).toBeVisible();
});

test('an organisation’s manager starts from their organisation', async ({ page }) => {
	await signIn(page, 'wydzial@torun.example');
	await page.goto('/dashboard');
	await expect(page.getByLabel('Organizacja')).toHaveValue(/^\d+$/);
	await expect(page.getByLabel('Organizacja').locator('option:checked')).toHaveText(
		'Wydział Edukacji'
	);
	await expect(page.getByText('Liczby obejmują karty, które możesz zobaczyć.')).toBeVisible();
});

test('county staff start from the county’s strategy, per municipality', async ({ page }) => {
	await signIn(page, 'powiat@torun.example');
	await page.goto('/dashboard');
	await expect(page.getByLabel('Strategia', { exact: true }).locator('option:checked')).toHaveText(
		/powiatu toruńskiego/
	);
	await expect(page.getByLabel('Zestawienie organizacji')).toHaveValue('municipality');
	const names = await page.locator('[data-testid=breakdown-orgs] tbody th').allInnerTexts();
	expect(names.length).toBeGreaterThan(1);
	for (const name of names) expect(name).toMatch(/^Gmina /);
});

test('a goal’s page leads to its dashboard: how far along it is, and who did what this year', async ({
	page
}) => {
	await signIn(page, 'koordynator@torun.example');
	await page.goto('/strategies/torun-2028?expand=all');
	await page.getByRole('link', { name: /^1\.1\. / }).click();
	await page.getByRole('link', { name: /Pulpit tego celu/ }).click();
	await expect(page.getByRole('heading', { level: 2, name: /Cel: 1\.1\. / })).toBeVisible();
	const rows = await page.locator('[data-testid=breakdown-goals] tbody th').allInnerTexts();
	expect(rows[0]).toMatch(/^1\.1\. /);
	expect(rows.length).toBeGreaterThan(1);
	for (const row of rows.slice(1)) expect(row).toMatch(/^1\.1\.\d+\. /);
	// Who: the organisations taking part in the goal's cards, with their activities of the year.
	await expect(page.getByTestId('breakdown-orgs').locator('tbody tr').first()).toBeVisible();
});
