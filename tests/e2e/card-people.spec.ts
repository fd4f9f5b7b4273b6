import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// A card's organisations and people, edited from the card dialog. The card is one no other
// browser test touches, so the order of the tests does not matter.
const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Targi edukacyjne szkół ponadpodstawowych';
const NGO = 'Fundacja Edukacji Pozaformalnej (przykład)';
const NGO_MEMBER = 'Tomasz Lewandowski';

test('a department invites an NGO as partner and assigns its member', async ({ page }) => {
	// Two saves, a reload and the card's history: more than one page's default time on a busy machine.
	test.setTimeout(60_000);
	await signIn(page, 'wydzial@torun.example');
	await page.goto('/boards');
	await page.getByRole('link', { name: BOARD }).click();
	await page.getByRole('link', { name: CARD }).click();
	const dialog = page.getByRole('dialog', { name: CARD });
	await expect(dialog).toBeVisible();

	await dialog.getByText('Zmień organizacje karty').click();
	await dialog.getByRole('checkbox', { name: NGO }).check();
	await dialog.getByRole('button', { name: 'Zapisz organizacje' }).click();
	await expect(dialog.getByText('Zapisano organizacje karty.')).toBeVisible();

	// The NGO's people are now among those who may be assigned, labelled with their organisation.
	// The saved organisations come back with the card's reload and its live event; a section
	// opened meanwhile may be drawn anew, closed: open it until the NGO's person is offered.
	const person = dialog.getByRole('checkbox', { name: `${NGO_MEMBER} · ${NGO}` });
	await expect(async () => {
		if (!(await person.isVisible())) await dialog.getByText('Zmień osoby odpowiedzialne').click();
		await expect(person).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: 20_000 });
	await person.check();
	await dialog.getByRole('button', { name: 'Zapisz osoby odpowiedzialne' }).click();
	await expect(dialog.getByText('Zapisano osoby odpowiedzialne.')).toBeVisible();

	await page.reload();
	const facts = page.getByRole('dialog', { name: CARD }).locator('section.props dl');
	await expect(facts.locator('dt:text-is("Partnerzy") + dd')).toHaveText(NGO);
	await expect(facts.locator('dt:text-is("Osoby odpowiedzialne") + dd')).toHaveText(NGO_MEMBER);
	await expect(page.getByRole('dialog').getByText(`partnerzy: brak → ${NGO}`)).toBeVisible();
});
