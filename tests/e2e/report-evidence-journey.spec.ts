import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openCardNamed, signedInPage } from './helpers';

// The evidence journey: the NGO attaches a PDF to its report and submits it; the reviewer (the
// lead department's manager) gets the e-mail (kept in the outbox, with no SMTP_URL), opens the
// card from its link, downloads the evidence as it was sent, and returns the report with a
// reason; the NGO gets that e-mail. The rules are in tests/integration/attachment-owners.test.ts.

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Szkoła Liderów Samorządów Uczniowskich';
const SUMMARY = `Warsztaty liderskie dla samorządów uczniowskich (${Date.now()})`;
const FILE = 'Lista obecności – Szkoła Liderów.pdf';
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'
);

/** The administrator's newest outbox message with this subject to this address: its text. */
async function messageIn(admin: Page, subject: string, address: string): Promise<string> {
	const row = admin
		.getByTestId('outbox-row')
		.filter({ hasText: subject })
		.filter({ hasText: address })
		.first();
	// The outbox job turns the notification into a message within a second of its event.
	await expect(async () => {
		await admin.goto('/admin/outbox');
		await expect(row).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 90_000 });
	await row.getByRole('link').click();
	const text = admin.getByTestId('outbox-text');
	await expect(text).toBeVisible();
	return (await text.textContent()) ?? '';
}

test('the NGO attaches evidence and submits; the reviewer is told, downloads it and returns the report; the NGO is told', async ({
	browser
}) => {
	// Three people, and two e-mails produced by a job.
	test.setTimeout(240_000);
	const ngo = await signedInPage(browser, 'ngo@torun.example');
	let dialog = await openCardNamed(ngo, BOARD, CARD);
	await dialog.locator('summary', { hasText: 'Dodaj raport z działania' }).click();
	const form = dialog.locator('form[action$="/reports?/save"]').last();
	await expect(dialog.getByText('Najpierw zapisz szkic')).toBeVisible();
	await form.getByLabel(/^Od/).fill('2026-11-02');
	await form.getByRole('textbox', { name: 'Do', exact: true }).fill('2026-11-06');
	await form.getByLabel(/^Co zostało zrobione/).fill(SUMMARY);
	await form.getByRole('button', { name: 'Zapisz szkic' }).click();
	await expect(dialog.getByText('Zapisano szkic raportu.')).toBeVisible();

	// The draft takes its evidence with the picker.
	const draft = dialog.locator('[data-report-id]').filter({ hasText: SUMMARY });
	await expect(draft).toContainText('Dowody (0)');
	const chooser = ngo.waitForEvent('filechooser');
	await draft.getByRole('button', { name: 'Dołącz dowód' }).click();
	await (await chooser).setFiles({ name: FILE, mimeType: 'application/pdf', buffer: PDF });
	await expect(draft.getByRole('link', { name: FILE, exact: true })).toBeVisible();
	await expect(draft).toContainText('Dowody (1)');
	await draft.getByRole('button', { name: 'Prześlij do oceny' }).click();
	await expect(dialog.getByText('Raport przesłany do oceny.')).toBeVisible();
	// Submitted, it takes no more evidence.
	const sent = dialog.locator('[data-report-id]').filter({ hasText: SUMMARY });
	await expect(sent.getByRole('link', { name: FILE, exact: true })).toBeVisible();
	await expect(sent.getByRole('button', { name: 'Dołącz dowód' })).toHaveCount(0);

	// The reviewer's e-mail, read in the outbox.
	const admin = await signedInPage(browser, 'admin@torun.example');
	const told = await messageIn(admin, `Sprawozdanie do oceny: ${CARD}`, 'wydzial@torun.example');
	const link = /https?:\/\/[^\s"<>]+\/boards\/\d+\/cards\/\d+[^\s"<>]*/.exec(told)?.[0];
	expect(link).toBeTruthy();

	// The reviewer follows the link, downloads the evidence and returns the report.
	const reviewer = await signedInPage(browser, 'wydzial@torun.example');
	await reviewer.goto(new URL(link!).pathname + new URL(link!).search);
	dialog = reviewer.getByRole('dialog', { name: CARD });
	await expect(dialog).toBeVisible();
	const review = dialog.locator('[data-report-id]').filter({ hasText: SUMMARY });
	const downloading = reviewer.waitForEvent('download');
	await review.getByRole('link', { name: FILE, exact: true }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(FILE);
	expect(await readFile((await download.path())!)).toEqual(PDF);
	await review.getByLabel(/Powód zwrotu/).fill('Proszę dołączyć także zdjęcia z warsztatów.');
	await review.getByRole('button', { name: 'Zwróć do poprawy' }).click();
	await expect(dialog.getByText('Raport zwrócony autorowi do poprawy.')).toBeVisible();

	// The NGO's e-mail; and its returned report takes evidence again.
	const back = await messageIn(admin, `Sprawozdanie zwrócone: ${CARD}`, 'ngo@torun.example');
	expect(back).toContain('/boards/');
	dialog = ngo.getByRole('dialog', { name: CARD });
	const returned = dialog.locator('[data-report-id]').filter({ hasText: SUMMARY });
	await expect(returned).toContainText('Proszę dołączyć także zdjęcia z warsztatów.');
	await expect(returned.getByRole('button', { name: 'Dołącz dowód' })).toBeVisible();
});
