import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// The audit log and a card's history speak the page's language: a move reads as a sentence with
// the columns' names, and no event code (`card.moved`) or column id shows in the Polish page.

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Uniwersytet Dzieci – zajęcia z UMK dla klas 4–6';
const EVENT_CODE =
	/\b(card|comment|report|column|board|goal|indicator|user|seed|notification)\.[a-z_]+\b/;

test('a move reads as a sentence in the card’s history and in the audit log', async ({ page }) => {
	await signIn(page, 'koordynator@torun.example');
	await page.goto('/boards');
	await page.getByRole('link', { name: BOARD }).click();
	await page.getByRole('link', { name: CARD }).click();
	const dialog = page.getByRole('dialog', { name: CARD });
	await dialog.getByLabel('Przenieś do…').selectOption({ label: 'Zrealizowane: na początek' });
	await dialog.getByRole('button', { name: 'Przenieś', exact: true }).click();
	await expect(dialog.getByText('Przeniesiono kartę.')).toBeVisible();

	const history = dialog.locator('ol.history');
	await expect(history).toContainText('przeniósł(a) kartę z „W realizacji” do „Zrealizowane”');
	await expect(history).not.toContainText(EVENT_CODE);

	await page.goto('/audit?type=card.moved');
	const row = page.getByRole('row').filter({ hasText: CARD }).first();
	await expect(row).toContainText('Przeniesienie karty');
	await expect(row).toContainText('z „W realizacji” do „Zrealizowane”');
	await expect(page.locator('main')).not.toContainText(EVENT_CODE);
	await expect(page.locator('main')).not.toContainText('ColumnId');
	// The stored payload is for administrators.
	await expect(page.getByText('Szczegóły techniczne')).toHaveCount(0);
});

test('administrators find the stored payload behind a disclosure', async ({ page }) => {
	await signIn(page, 'admin@torun.example');
	await page.goto('/audit');
	const technical = page.locator('details.technical').first();
	await expect(technical.getByText('Szczegóły techniczne')).toBeVisible();
	await expect(technical.locator('pre')).toBeHidden();
	await technical.getByText('Szczegóły techniczne').click();
	await expect(technical.locator('pre')).toBeVisible();
});

test('the audit log speaks English on the English page', async ({ page, context }) => {
	await signIn(page, 'koordynator@torun.example');
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
	await page.goto('/audit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
	await expect(page.locator('main')).not.toContainText(EVENT_CODE);
});
