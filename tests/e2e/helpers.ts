import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-torun-2028';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel(/Adres e-mail|E-mail address/).fill(email);
	await page.getByLabel(/^(Hasło|Password)/).fill(password);
	await page.getByRole('button', { name: /^(Zaloguj|Sign in)$/ }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** A person of their own: a fresh browser context, signed in as `email`. */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, email);
	return page;
}

/** Opens a board from the boards list, by its title. */
export async function openBoardNamed(page: Page, title: string) {
	await page.goto('/boards');
	await page.getByRole('link', { name: title }).click();
}

/** Opens a card's dialog from its board, by their titles, and waits for it. */
export async function openCardNamed(page: Page, board: string, card: string) {
	await openBoardNamed(page, board);
	await page.getByRole('link', { name: card }).click();
	const dialog = page.getByRole('dialog', { name: card });
	await expect(dialog).toBeVisible();
	return dialog;
}
