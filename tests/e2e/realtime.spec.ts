import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026';

test('a move by department staff appears on the NGO partner’s open board without a reload', async ({
	browser
}) => {
	const partner = await (await browser.newContext()).newPage();
	await signIn(partner, 'ngo@torun.example');
	await partner.goto('/boards');
	await partner.getByRole('link', { name: BOARD }).click();
	const column = (name: string) => partner.getByRole('region', { name, exact: true });
	await expect(column('W realizacji').getByRole('listitem', { name: CARD })).toBeVisible();
	// Nothing below reloads the partner's page: a reload would reset this marker.
	await partner.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));

	const staff = await (await browser.newContext()).newPage();
	await signIn(staff, 'wydzial@torun.example');
	await staff.goto('/boards');
	await staff.getByRole('link', { name: BOARD }).click();
	await staff.getByRole('link', { name: CARD }).click();
	const dialog = staff.getByRole('dialog', { name: CARD });
	await dialog.getByLabel('Przenieś do…').selectOption({ label: 'Zrealizowane: na początek' });
	await dialog.getByRole('button', { name: 'Przenieś', exact: true }).click();
	await expect(dialog.getByText('Przeniesiono kartę.')).toBeVisible();

	await expect(column('Zrealizowane').getByRole('listitem', { name: CARD })).toBeVisible();
	await expect(column('W realizacji').getByRole('listitem', { name: CARD })).toHaveCount(0);
	expect(await partner.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
		true
	);
});
