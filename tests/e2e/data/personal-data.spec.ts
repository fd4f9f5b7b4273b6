import { expect, test } from '@playwright/test';
import { signIn, signedInPage } from '../helpers';

// An administrator exports a person's data and erases it, from the person's page. A person of
// the test's own is made first: the demo accounts are shared with the other browser tests.

const EMAIL = `do-usuniecia-${Date.now()}@example.test`;
const PASSWORD = 'hasło-osoby-123';

test('an administrator exports a person’s data, then erases it', async ({ page, browser }) => {
	await signIn(page, 'admin@torun.example');
	await page.goto('/admin/users/new');
	await page.getByLabel('Imię i nazwisko').fill('Jan Próbny');
	await page.getByLabel('Adres e-mail').fill(EMAIL);
	await page.getByLabel('Hasło początkowe').fill(PASSWORD);
	await page.getByRole('button', { name: 'Dodaj osobę' }).click();
	await expect(page).toHaveURL(/\/admin\/users\/\d+\?created/);
	const personUrl = new URL(page.url()).pathname;
	const id = Number(personUrl.split('/').at(-1));

	// The person is signed in elsewhere meanwhile.
	const them = await (await browser.newContext()).newPage();
	await signIn(them, EMAIL, PASSWORD);

	const link = page.getByRole('link', { name: 'Eksportuj dane osobowe (JSON)' });
	const answer = await page.request.get((await link.getAttribute('href'))!);
	expect(answer.status()).toBe(200);
	expect(answer.headers()['content-disposition']).toContain(`personal-data-${id}.json`);
	const data = await answer.json();
	expect(data.account).toMatchObject({ id, email: EMAIL, name: 'Jan Próbny' });
	expect(data.sessions.count).toBe(1);
	expect(JSON.stringify(data)).not.toContain('argon2');

	// Nobody but an administrator gets it: the same 404 as a page that is not there.
	const other = await signedInPage(browser, 'koordynator@torun.example');
	expect((await other.request.get(`/admin/users/${id}/export.json`)).status()).toBe(404);
	expect((await them.request.get(`/admin/users/${id}/export.json`)).status()).toBe(404);

	await page.getByText('Usuń dane osobowe…').click();
	await page.getByLabel('Rozumiem, że danych Jan Próbny nie będzie można przywrócić').check();
	await page.getByRole('button', { name: 'Usuń dane osobowe Jan Próbny' }).click();
	await expect(page.getByText('Dane osobowe zostały usunięte.')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Osoba usunięta #${id}`);
	await expect(page.getByText('zablokowane', { exact: true })).toBeVisible();

	// Their session has ended, and their password no longer lets anyone in.
	await them.goto('/my-work');
	await expect(them).toHaveURL(/\/login/);
	await them.getByLabel('Adres e-mail').fill(EMAIL);
	await them.getByLabel(/^Hasło/).fill(PASSWORD);
	await them.getByRole('button', { name: 'Zaloguj' }).click();
	await expect(them.getByText('Nieprawidłowy adres e-mail lub hasło.')).toBeVisible();
});
