import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-torun-2028';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.getByLabel(/Adres e-mail|E-mail address/).fill(email);
	await page.getByLabel(/^(Hasło|Password)/).fill(password);
	await page.getByRole('button', { name: /^(Zaloguj|Sign in)$/ }).click();
	await expect(page).not.toHaveURL(/\/login/);
}
