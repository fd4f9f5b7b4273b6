import { expect, test, type Page } from '@playwright/test';
import { openCardNamed, signedInPage } from './helpers';

// A report's way through the queues: the NGO partner submits it, the lead department's manager
// finds it on her desk, in "Do przeglądu" and in her notifications, returns it with a reason from
// there, and the partner finds it on his desk under the reports returned for changes.
// The file runs before the real-time spec, which takes „Równy start” from the partner.

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Program wyrównawczy „Równy start” w szkołach podstawowych';
const SUMMARY = 'Zajęcia wyrównawcze z matematyki w trzech szkołach na Rubinkowie.';
const REASON = 'Proszę dopisać, ilu uczniów ukończyło zajęcia.';

const openCard = (page: Page) => openCardNamed(page, BOARD, CARD);

test('a submitted report reaches the reviewer, and its return reaches the author', async ({
	browser
}) => {
	// The NGO partner writes the report on the card and submits it.
	const partner = await signedInPage(browser, 'ngo@torun.example');
	const dialog = await openCard(partner);
	await dialog.locator('summary', { hasText: 'Dodaj raport z działania' }).click();
	const form = dialog.locator('form[action$="/reports?/save"]').last();
	await form.getByLabel(/^Od/).fill('2026-10-01');
	await form.getByRole('textbox', { name: 'Do', exact: true }).fill('2026-10-31');
	await form.getByLabel(/^Co zostało zrobione/).fill(SUMMARY);
	await form.getByRole('button', { name: 'Zapisz szkic' }).click();
	await expect(dialog.getByText('Zapisano szkic raportu.')).toBeVisible();
	await dialog.getByRole('button', { name: 'Prześlij do oceny' }).click();
	await expect(dialog.getByText('Raport przesłany do oceny.')).toBeVisible();

	// The department's manager: on her desk, among the reports to review…
	const manager = await signedInPage(browser, 'wydzial@torun.example');
	await manager.goto('/');
	const toReview = manager.getByTestId('desk-review');
	await expect(toReview.getByTestId('report-row').filter({ hasText: SUMMARY })).toContainText(CARD);
	// …in her notifications, naming its author and the card…
	await manager.goto('/notifications');
	const notice = manager.getByTestId('notification').filter({ hasText: CARD }).first();
	await expect(notice).toContainText('Raport do przeglądu od: Tomasz Lewandowski');
	// …and in the "Do przeglądu" tab, which the address names and which counts it.
	await manager.goto('/my-reports');
	await expect(manager).toHaveURL(/\/my-reports$/);
	const tab = manager.getByTestId('reports-tab-review');
	await expect(tab).toHaveAttribute('aria-current', 'page');
	await expect(tab).toContainText(/[1-9]/);
	const row = manager.getByTestId('report-row').filter({ hasText: SUMMARY });
	await expect(row).toContainText('do oceny');
	await expect(row).toContainText('Tomasz Lewandowski');

	// The row leads to the card, where she returns the report with a reason.
	await row.getByRole('link', { name: CARD }).click();
	const review = manager.getByRole('dialog', { name: CARD });
	const submitted = review.locator('[data-report-id]').filter({ hasText: SUMMARY });
	await submitted.getByLabel(/Powód zwrotu/).fill(REASON);
	await submitted.getByRole('button', { name: 'Zwróć do poprawy' }).click();
	await expect(review.getByText('Raport zwrócony autorowi do poprawy.')).toBeVisible();

	// Her queue no longer holds it.
	await manager.goto('/my-reports?tab=review');
	await expect(manager.getByTestId('report-row').filter({ hasText: SUMMARY })).toHaveCount(0);

	// The partner finds it on his desk, returned, with the reason.
	await partner.goto('/');
	const returned = partner
		.getByTestId('desk-returned')
		.getByTestId('report-row')
		.filter({ hasText: SUMMARY });
	await expect(returned).toContainText(CARD);
	await expect(returned).toContainText('zwrócony do poprawy');
	await expect(returned).toContainText(REASON);
	// And in his own tab, filtered to the returned ones; and his notice says why.
	await partner.goto('/my-reports?tab=mine&state=returned');
	await expect(partner.getByTestId('report-row').filter({ hasText: SUMMARY })).toContainText(
		REASON
	);
	await partner.goto('/notifications');
	const back = partner.getByTestId('notification').filter({ hasText: CARD }).first();
	await expect(back).toContainText('Raport zwrócony do poprawy przez: Magdalena Zielińska');
	await expect(back).toContainText(REASON);
});

test('the tabs a person has, and a tab they have not falls back to their own', async ({
	browser
}) => {
	const partner = await signedInPage(browser, 'ngo@torun.example');
	await partner.goto('/my-reports?tab=all');
	await expect(partner.getByTestId('reports-tab-mine')).toHaveAttribute('aria-current', 'page');
	await expect(partner.getByTestId('reports-tab-review')).toHaveCount(0);
	await expect(partner.getByTestId('reports-tab-all')).toHaveCount(0);

	const coordinator = await signedInPage(browser, 'koordynator@torun.example');
	await coordinator.goto('/my-reports?tab=all&state=accepted');
	await expect(coordinator.getByTestId('reports-tab-all')).toHaveAttribute('aria-current', 'page');
	const rows = coordinator.getByTestId('report-row');
	await expect(rows.first()).toBeVisible();
	for (const row of await rows.all()) await expect(row).toContainText('przyjęty');
	// A state with nothing in it says what to do.
	await coordinator.goto('/my-reports?tab=mine&state=returned');
	await expect(coordinator.getByTestId('reports-empty')).toContainText('Zmień filtr stanu');
});
