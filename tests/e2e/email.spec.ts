import { expect, test, type APIResponse } from '@playwright/test';
import { signIn } from './helpers';

// E-mail in the demo: with no SMTP_URL nothing is sent, and the messages the seed's notifications
// produced are kept for the administrator at /admin/outbox. A message's List-Unsubscribe address
// takes a mail client's one-click POST (RFC 8058) from another origin, with no session; a forged
// token changes nothing.

test('the demo keeps its messages in the outbox, readable as text and as sandboxed HTML', async ({
	page
}) => {
	await signIn(page, 'admin@torun.example');
	// The outbox job runs at start; give it a moment on a slow machine.
	await expect(async () => {
		await page.goto('/admin/outbox');
		expect(await page.getByTestId('outbox-row').count()).toBeGreaterThan(0);
	}).toPass({ timeout: 30_000 });
	await expect(page.getByTestId('outbox-kept')).toBeVisible();
	await expect(page.locator('[data-status="kept"]').first()).toBeVisible();

	await page.getByTestId('outbox-row').first().getByRole('link').click();
	await expect(page.getByTestId('outbox-text')).toContainText('/boards/');
	const frame = page.locator('iframe.html');
	await expect(frame).toHaveAttribute('sandbox', '');
	await expect(frame.contentFrame().locator('a').first()).toBeVisible();
});

/**
 * A form action's outcome: a client that does not ask for HTML (a mail provider) gets SvelteKit's
 * JSON answer, whose own status says it; a browser gets the page with that status.
 */
async function outcome(response: APIResponse): Promise<number> {
	const body = await response.text();
	if (!response.headers()['content-type']?.includes('json')) return response.status();
	const result = JSON.parse(body) as { type: string; status?: number };
	return result.type === 'success' ? 200 : (result.status ?? 500);
}

test('one click unsubscribes without a session; a forged token is refused', async ({
	page,
	playwright,
	baseURL
}) => {
	await signIn(page, 'admin@torun.example');
	await page.goto('/admin/outbox');
	await page.getByTestId('outbox-row').first().getByRole('link').click();
	const headers = await page.locator('pre').first().textContent();
	const link = /List-Unsubscribe: <([^>]+)>/.exec(headers ?? '')?.[1];
	expect(link).toBeTruthy();
	const url = new URL(link!);
	const path = url.pathname + url.search;

	// A mail provider: no cookies, no Origin header.
	const provider = await playwright.request.newContext({ baseURL });
	const forged = await provider.post(path.replace(/\.[A-Za-z0-9_-]{43}$/, '.' + 'A'.repeat(43)), {
		form: { 'List-Unsubscribe': 'One-Click' }
	});
	expect(await outcome(forged)).toBe(400);
	const done = await provider.post(path, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(await outcome(done)).toBe(200);
	// Any other address still refuses a cross-site POST.
	const elsewhere = await provider.post('/language', { form: { locale: 'en', redirectTo: '/' } });
	expect(elsewhere.status()).toBe(403);
	await provider.dispose();

	// Opened in a browser, the link asks before it changes anything.
	const visitor = await page.context().browser()!.newContext();
	const tab = await visitor.newPage();
	await tab.goto(`${baseURL}${path}`);
	const confirm = tab.getByRole('button', { name: /Wyłącz te e-maile|Stop these e-mails/ });
	await expect(confirm).toBeVisible();
	await confirm.click();
	await expect(tab.getByRole('status')).toContainText(/Gotowe|Done/);
	await visitor.close();
});
