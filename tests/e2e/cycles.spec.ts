import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openCardNamed, signedInPage } from './helpers';

// A reporting cycle from end to end: the coordinator opens one (a deadline before the period's
// end is refused first), reads its table, filters it and downloads it as XLSX; the NGO sees its
// line on the desk and its own part of the cycle only; the coordinator closes the cycle, and the
// goal page shows the figures kept at its close beside today's.

const SLUG = 'torun-2028';
const NGO = 'Fundacja Edukacji Pozaformalnej';
const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const ACCEPTED_CARD = 'Szkoła Liderów Samorządów Uczniowskich';
const INDICATOR = 'Uczestnicy zajęć pozaformalnych dla młodzieży';
const TITLE = 'Monitoring – drugie półrocze';

test('the coordinator opens a cycle, the NGO sees its part, and closing keeps the figures', async ({
	browser
}) => {
	// Two people and a dozen pages: more than a single page's default time on a busy machine.
	test.setTimeout(120_000);
	const year = new Date().getFullYear();
	const coordinator = await signedInPage(browser, 'koordynator@torun.example');

	// The strategy page leads to its cycles; the demo has last year's closed and this year's open.
	await coordinator.goto(`/strategies/${SLUG}`);
	await coordinator.getByRole('link', { name: 'Cykle sprawozdawcze' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText('Cykle sprawozdawcze');
	const list = coordinator.getByTestId('cycles-table');
	await expect(list.getByRole('link', { name: `Monitoring ${year - 1}` })).toBeVisible();
	await expect(list.getByRole('link', { name: `Monitoring ${year}` })).toBeVisible();

	// Opening: a deadline before the period's end is refused, with what was typed kept.
	const form = coordinator.getByTestId('open-cycle-form');
	await form.getByLabel(/^Nazwa cyklu/).fill(TITLE);
	await form.getByLabel(/^Początek okresu/).fill(`${year}-07-01`);
	await form.getByLabel(/^Koniec okresu/).fill(`${year}-12-31`);
	await form.getByLabel(/^Termin raportów/).fill(`${year}-12-30`);
	await form.getByRole('button', { name: 'Otwórz cykl' }).click();
	await expect(
		coordinator.getByText('Termin raportów nie może być przed końcem okresu.')
	).toBeVisible();
	await expect(form.getByLabel(/^Nazwa cyklu/)).toHaveValue(TITLE);
	await form.getByLabel(/^Termin raportów/).fill(`${year + 1}-01-31`);
	await form.getByRole('button', { name: 'Otwórz cykl' }).click();
	await expect(coordinator.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	const cycleUrl = new URL(coordinator.url()).pathname;

	// The table: organisations and their cards, each in its state, and the progress figures.
	const rows = coordinator.getByTestId('cycle-row');
	await expect(rows.first()).toBeVisible();
	const total = await rows.count();
	await expect(coordinator.getByTestId('cycle-progress').first()).toContainText(
		new RegExp(`Przyjęte: 1 z ${total}`)
	);
	await expect(rows.filter({ hasText: ACCEPTED_CARD })).toHaveAttribute('data-state', 'accepted');

	// Filters: the submitted reports only, then one organisation's cards.
	await coordinator.getByLabel('Stan raportu').selectOption({ label: 'Przesłany' });
	await coordinator.getByRole('button', { name: 'Pokaż' }).click();
	await expect(coordinator).toHaveURL(/state=submitted/);
	await expect(rows.first()).toHaveAttribute('data-state', 'submitted');
	const submitted = await rows.count();
	for (const state of await rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-state'))))
		expect(state).toBe('submitted');

	// The filtered table as XLSX, read back with exceljs.
	const downloading = coordinator.waitForEvent('download');
	await coordinator.getByRole('link', { name: 'Pobierz XLSX' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0]!;
	expect(sheet.getRow(1).values).toEqual([
		undefined,
		'Organizacja',
		'Kod',
		'Karta',
		'Stan raportu'
	]);
	expect(sheet.rowCount).toBe(submitted + 1);
	expect(sheet.getRow(2).getCell(4).value).toBe('Przesłany');

	await coordinator.getByLabel('Stan raportu').selectOption({ label: 'Wszystkie stany' });
	const organization = coordinator.getByLabel('Organizacja');
	const ngoValue = await organization.locator('option', { hasText: NGO }).getAttribute('value');
	await organization.selectOption(ngoValue!);
	await coordinator.getByRole('button', { name: 'Pokaż' }).click();
	await expect(coordinator).toHaveURL(/organization=\d+/);
	const ngoRows = await rows.count();
	expect(ngoRows).toBeGreaterThan(0);
	expect(ngoRows).toBeLessThan(total);

	// The NGO: its line on the desk leads to its own part of the cycle, and no further.
	const ngo = await signedInPage(browser, 'ngo@torun.example');
	await ngo.goto('/');
	const line = ngo.getByTestId('desk-cycle').filter({ hasText: TITLE });
	await expect(line).toContainText(/Do raportu do 31 stycznia \d{4}: \d+ kar/);
	await line.getByRole('link').click();
	await expect(ngo.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	const own = ngo.getByTestId('cycle-row');
	await expect(own.first()).toBeVisible();
	expect(await own.count()).toBe(ngoRows);
	for (const cell of await own.locator('td:first-child').allTextContents())
		expect(cell).toContain(NGO);
	await expect(ngo.getByRole('link', { name: 'Pobierz XLSX' })).toHaveCount(0);
	await expect(ngo.getByTestId('close-cycle-form')).toHaveCount(0);
	expect((await ngo.request.get(`${cycleUrl}/cycle.xlsx`)).status()).toBe(404);

	// The coordinator closes the cycle: its figures are kept, and shown.
	await coordinator.goto(cycleUrl);
	const close = coordinator.getByRole('button', { name: 'Zamknij cykl i zapisz liczby' });
	// Not without saying that one means it.
	await close.click();
	await expect(
		coordinator.getByText('Zaznacz, że rozumiesz, że zamknięcia nie da się cofnąć.')
	).toBeVisible();
	await expect(coordinator.getByTestId('cycle-kept-indicators')).toHaveCount(0);
	await coordinator.getByLabel(/^Rozumiem: liczby z tej chwili/).check();
	await close.click();
	await expect(
		coordinator.getByText('Cykl zamknięty: liczby z tej chwili zostały zapisane.')
	).toBeVisible();
	await expect(coordinator.getByText('Zamknięty', { exact: true }).first()).toBeVisible();
	await expect(coordinator.getByTestId('cycle-kept-indicators')).toContainText(INDICATOR);

	// The goal page: the indicator's value at the close of each closed period, beside today's.
	const dialog = await openCardNamed(coordinator, BOARD, ACCEPTED_CARD);
	const chain = dialog.locator('.chain a');
	await coordinator.goto((await chain.nth((await chain.count()) - 2).getAttribute('href'))!);
	const figures = coordinator.getByTestId('closed-figures');
	await expect(
		figures.getByRole('columnheader', { name: `Przy zamknięciu: ${TITLE}` })
	).toBeVisible();
	await expect(
		figures.getByRole('columnheader', { name: `Przy zamknięciu: Monitoring ${year - 1}` })
	).toBeVisible();
	const indicator = figures.getByRole('row').filter({ hasText: INDICATOR });
	// A yearly sum: 180 entered for last year; this year's, 24 from the accepted report.
	await expect(indicator.getByRole('cell')).toHaveText(['24', '180', '24']);
});
