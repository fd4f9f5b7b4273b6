import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test.describe('sign-in and roles', () => {
	test('the administrator signs in and reaches the administration', async ({ page }) => {
		await signIn(page, 'admin@torun.example');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Witaj');
		await expect(page.getByText('Administrator', { exact: true })).toBeVisible();
		await page.getByRole('link', { name: 'Administracja' }).click();
		await expect(page).toHaveURL(/\/admin\/users/);
		await expect(page.getByRole('cell', { name: 'koordynator@torun.example' })).toBeVisible();
	});

	test('the coordinator sees the goal tree with editing tools', async ({ page }) => {
		await signIn(page, 'koordynator@torun.example');
		await expect(
			page.getByText('Wydział Rozwoju i Programowania Europejskiego (WRiPE) (kierownik)')
		).toBeVisible();
		await expect(page.getByRole('link', { name: 'Administracja' })).toHaveCount(0);
		await page.getByRole('link', { name: 'Strategie', exact: true }).click();
		await page.getByRole('link', { name: 'Strategia Rozwoju Miasta Torunia do 2028 roku' }).click();
		await expect(
			page.getByRole('link', { name: '1.1. Rozwój kapitału ludzkiego i społecznego' })
		).toBeVisible();
		await page.getByRole('link', { name: '1.1. Rozwój kapitału ludzkiego i społecznego' }).click();
		await expect(
			page.getByRole('link', { name: /^1\.1\.26\. Wspieranie współpracy międzysektorowej/ })
		).toBeVisible();
		await expect(page.getByText('Importuj listę zadań')).toBeVisible();
	});

	for (const [email, organisation] of [
		['wydzial@torun.example', /Wydział/],
		['ngo@torun.example', /przykład/i],
		['powiat@torun.example', /Wydział Projektów Europejskich, Informacji i Współpracy z Mediami/]
	] as const) {
		test(`${email} sees their organisation, no editing tools and no administration`, async ({
			page
		}) => {
			await signIn(page, email);
			await expect(
				page.getByRole('list', { name: 'Twoje organizacje' }).getByRole('listitem').first()
			).toContainText(organisation);
			await expect(page.getByRole('link', { name: 'Administracja' })).toHaveCount(0);
			const response = await page.goto('/admin/users');
			expect(response?.status()).toBe(404);
			await page.goto('/strategies/torun-2028');
			await page
				.getByRole('link', { name: /^1\. Toruń atrakcyjnym miejscem zamieszkania i pracy/ })
				.click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				'Toruń atrakcyjnym miejscem zamieszkania i pracy'
			);
			await expect(page.getByText('Importuj listę zadań')).toHaveCount(0);
			await expect(page.getByText('Edytuj', { exact: true })).toHaveCount(0);
		});
	}

	test('a wrong password shows the error and keeps the e-mail', async ({ page }) => {
		await page.goto('/login');
		await page.getByLabel('Adres e-mail').fill('wydzial@torun.example');
		await page.getByLabel(/^Hasło/).fill('not-the-password');
		await page.getByRole('button', { name: 'Zaloguj' }).click();
		await expect(page.getByRole('alert')).toContainText('Nieprawidłowy adres e-mail lub hasło.');
		await expect(page.getByLabel('Adres e-mail')).toHaveValue('wydzial@torun.example');
		await expect(page).toHaveURL(/\/login/);
	});

	test('signing out ends the session', async ({ page }) => {
		await signIn(page, 'wydzial@torun.example');
		await page.getByRole('button', { name: 'Wyloguj' }).click();
		await expect(page).toHaveURL(/\/login/);
		await page.goto('/strategies');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstrategies/);
	});
});

test('the coordinator imports an outline of three tasks and sees them in the tree', async ({
	page
}) => {
	await signIn(page, 'koordynator@torun.example');
	await page.goto('/strategies/torun-2028');
	await page
		.getByRole('link', { name: /^1\.2\. Zwiększenie wykorzystania potencjału kreatywnego/ })
		.click();
	// A click before the page has hydrated can be undone by hydration: open it until it stays open.
	const outline = page.getByLabel('Lista do zaimportowania');
	await expect(async () => {
		if (!(await outline.isVisible())) await page.getByText('Importuj listę zadań').click();
		await expect(outline).toBeVisible({ timeout: 1000 });
	}).toPass();
	await outline.fill(
		[
			'1.2.1. Wspieranie twórców i inicjatyw',
			'kreatywnych w mieście',
			'1.2.2. Rozwój przestrzeni dla przemysłów kreatywnych',
			'1.2.3. Promocja Torunia jako miasta kreatywnego'
		].join('\n')
	);
	await page.getByRole('button', { name: 'Pokaż podgląd' }).click();
	await expect(page.getByText('Zostanie utworzonych pozycji: 3')).toBeVisible();
	await expect(
		page.getByRole('cell', { name: 'Wspieranie twórców i inicjatyw kreatywnych w mieście' })
	).toBeVisible();
	await page.getByRole('button', { name: 'Importuj (3)' }).click();
	await expect(page.getByText('Zaimportowano pozycji: 3.')).toBeVisible();

	await page.goto('/strategies/torun-2028?expand=all');
	for (const name of [
		'1.2.1. Wspieranie twórców i inicjatyw kreatywnych w mieście',
		'1.2.2. Rozwój przestrzeni dla przemysłów kreatywnych',
		'1.2.3. Promocja Torunia jako miasta kreatywnego'
	]) {
		await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
	}
});

test('the language switch changes the interface and persists', async ({ page }) => {
	await page.goto('/login');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Logowanie');
	await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	await page.getByRole('button', { name: 'Switch to English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');

	await signIn(page, 'koordynator@torun.example');
	await page.getByRole('link', { name: 'Strategies', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategies');
	await page.getByRole('button', { name: 'Przełącz na język polski' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Strategie');
	await expect(page).toHaveURL(/\/strategies$/);
});

test('the health check answers with the database state', async ({ request }) => {
	const response = await request.get('/api/health');
	expect(response.status()).toBe(200);
	expect(await response.json()).toMatchObject({ status: 'ok', database: 'up' });
});

test('an unknown page answers 404 with a helpful page', async ({ page }) => {
	await signIn(page, 'wydzial@torun.example');
	const response = await page.goto('/goals/999999');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('link', { name: 'Wróć na stronę główną' })).toBeVisible();
});
