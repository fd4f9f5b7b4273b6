import { expect, test, type Page } from '@playwright/test';
import { openCardNamed, signedInPage } from './helpers';

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Letnia akademia edukacji pozaformalnej dla młodzieży';
const INDICATOR = 'Uczestnicy zajęć pozaformalnych w wakacje';

const openCard = (page: Page) => openCardNamed(page, BOARD, CARD);

test('a report goes from the NGO partner through a return to acceptance, and the public page follows live', async ({
	browser
}) => {
	// Four people and a dozen pages: more than a single page's default time on a busy machine.
	test.setTimeout(120_000);
	const as = (email: string) => signedInPage(browser, email);

	// The coordinator gives the card's operational goal an indicator.
	const coordinator = await as('koordynator@torun.example');
	const chain = (await openCard(coordinator)).locator('.chain a');
	const operationalLink = chain.nth((await chain.count()) - 2);
	const operational = await operationalLink.getAttribute('href');
	const operationalLabel = (await operationalLink.textContent())!.trim();
	await coordinator.goto(operational!);
	await coordinator.locator('summary', { hasText: 'Dodaj wskaźnik' }).click();
	const definition = coordinator.locator('form[action="?/indicator"]');
	await definition.getByLabel(/^Nazwa/).fill(INDICATOR);
	await definition.getByLabel(/^Jednostka/).fill('os.');
	await definition.getByLabel(/^Wartość bazowa/).fill('100');
	await definition.getByLabel(/^Rok bazowy/).fill('2020');
	await definition.getByLabel(/^Wartość docelowa/).fill('500');
	await definition.getByLabel(/^Rok docelowy/).fill('2028');
	await definition.getByRole('button', { name: 'Dodaj wskaźnik' }).click();
	await expect(coordinator.getByText('Dodano wskaźnik.')).toBeVisible();

	// Anyone, without signing in, follows the public page.
	const citizen = await (await browser.newContext({ locale: 'pl-PL' })).newPage();
	await citizen.goto('/public');
	await expect(citizen.getByText('Aktualizowane na żywo.')).toBeVisible();
	// The goal's entry in the tree opens, from the keyboard like any disclosure.
	await citizen.locator('summary', { hasText: operationalLabel }).first().focus();
	await citizen.keyboard.press('Enter');
	const indicator = citizen
		.getByRole('list', { name: 'Wskaźniki' })
		.getByRole('listitem')
		.filter({ hasText: INDICATOR });
	await expect(indicator).toContainText('brak danych');
	await citizen.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));

	// The NGO partner reports the activity with the indicator's value and submits it.
	const partner = await as('ngo@torun.example');
	let dialog = await openCard(partner);
	await dialog.locator('summary', { hasText: 'Dodaj raport z działania' }).click();
	const report = dialog.locator('form[action$="/reports?/save"]').last();
	await report.getByLabel(/^Od/).fill('2026-07-01');
	await report.getByRole('textbox', { name: 'Do', exact: true }).fill('2026-07-31');
	await report.getByLabel(/^Co zostało zrobione/).fill('Dwa turnusy letniej akademii.');
	await report.getByLabel('Liczba uczestników / odbiorców').fill('-5');
	await report.getByLabel(INDICATOR, { exact: false }).fill('120');
	await report.getByRole('button', { name: 'Zapisz szkic' }).click();
	// A negative count is refused, with what was typed kept.
	await expect(report.getByText('Wartość musi wynosić co najmniej 0.')).toBeVisible();
	await expect(report.getByLabel(/^Co zostało zrobione/)).toHaveValue(
		'Dwa turnusy letniej akademii.'
	);
	await report.getByLabel('Liczba uczestników / odbiorców').fill('120');
	await report.getByRole('button', { name: 'Zapisz szkic' }).click();
	await expect(dialog.getByText('Zapisano szkic raportu.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Prześlij do oceny' }).click();
	await expect(dialog.getByText('Raport przesłany do oceny.')).toBeVisible();

	// The lead department's manager returns it with a reason.
	const department = await as('wydzial@torun.example');
	dialog = await openCard(department);
	const submitted = dialog.locator('[data-report-id]').filter({ hasText: 'do oceny' });
	await submitted.getByRole('button', { name: 'Zwróć do poprawy' }).click();
	await expect(submitted.getByText('Napisz, co trzeba poprawić')).toBeVisible();
	await submitted.getByLabel(/Powód zwrotu/).fill('Proszę dopisać drugi turnus w sierpniu.');
	await submitted.getByRole('button', { name: 'Zwróć do poprawy' }).click();
	await expect(dialog.getByText('Raport zwrócony autorowi do poprawy.')).toBeVisible();

	// The partner sees the reason live, corrects the report and submits it again.
	dialog = partner.getByRole('dialog', { name: CARD });
	const returned = dialog.locator('[data-report-id]').filter({ hasText: 'zwrócony do poprawy' });
	await expect(returned).toContainText('Proszę dopisać drugi turnus w sierpniu.');
	await returned.locator('summary', { hasText: 'Popraw raport' }).click();
	await returned.getByRole('textbox', { name: 'Do', exact: true }).fill('2026-08-31');
	await returned.getByLabel(INDICATOR, { exact: false }).fill('150');
	await returned.getByRole('button', { name: 'Zapisz szkic' }).click();
	await expect(dialog.getByText('Zapisano szkic raportu.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Prześlij do oceny' }).click();
	await expect(dialog.getByText('Raport przesłany do oceny.')).toBeVisible();

	// The coordinator accepts it; the public page shows the indicator's value, without a reload.
	dialog = await openCard(coordinator);
	await dialog.getByRole('button', { name: 'Przyjmij' }).click();
	await expect(dialog.getByText('Raport przyjęty.')).toBeVisible();
	await expect(indicator).toContainText('150 os.', { timeout: 15_000 });
	expect(await citizen.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
		true
	);
	// No one's name reaches the public page.
	for (const name of ['Tomasz Lewandowski', 'Magdalena Zielińska', 'Krzysztof Wiśniewski'])
		await expect(citizen.getByText(name)).toHaveCount(0);

	// The coordinator's monitoring report for the year shows the accepted activity, and downloads.
	await coordinator.goto('/strategies/torun-2028');
	await coordinator.getByRole('link', { name: 'Raport monitoringowy' }).click();
	await coordinator.getByLabel('Od', { exact: true }).fill('2026-01-01');
	await coordinator.getByRole('textbox', { name: 'Do', exact: true }).fill('2026-12-31');
	await coordinator.getByRole('button', { name: 'Pokaż' }).click();
	const activities = coordinator.getByRole('region', { name: 'Działania' });
	await expect(activities.getByRole('row').filter({ hasText: CARD })).toContainText(
		'Dwa turnusy letniej akademii.'
	);
	const download = coordinator.waitForEvent('download');
	await coordinator.getByRole('link', { name: 'XLSX' }).click();
	expect((await download).suggestedFilename()).toMatch(
		/^raport-monitoringowy-torun-2028-.*\.xlsx$/
	);
});
