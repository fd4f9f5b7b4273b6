import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';

// WCAG 2.1 A and AA: the level the Polish act on digital accessibility (and EN 301 549) requires.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Language = 'pl' | 'en';

/** One line per violation and node, so a failure says what to fix and where. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
	return violations.flatMap((v) =>
		v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`)
	);
}

/**
 * Runs axe on the page as it is now and records its violations as a soft failure, so one run
 * lists every page's problems rather than stopping at the first.
 */
export async function expectNoViolations(page: Page, what: string) {
	const started = Date.now();
	const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	if (process.env.A11Y_TIMINGS) console.log(`${Date.now() - started} ms  ${what}`);
	expect.soft(describe(result.violations), `${what} (${page.url()})`).toEqual([]);
}

/** Opens a page, expecting it to be there (status 200) and to pass axe. */
export async function checkPage(page: Page, url: string, what = url, status = 200) {
	const response = await page.goto(url);
	expect.soft(response?.status(), `${what}: status`).toBe(status);
	await expectNoViolations(page, what);
}

/**
 * A browser context in one language, signed in as `email` (or anonymous). The language is set
 * in Paraglide's cookie directly rather than through the header's switch, which would also store
 * it on the account and change the language of every later sign-in of that demo person.
 */
export async function contextFor(
	browser: Browser,
	baseURL: string,
	language: Language,
	email?: string
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: language === 'pl' ? 'pl-PL' : 'en-GB' });
	const page = await context.newPage();
	if (email) {
		await page.goto('/login');
		const form = page.locator('form', { has: page.locator('input[name="password"]') });
		await form.locator('input[name="email"]').fill(email);
		await form.locator('input[name="password"]').fill(DEMO_PASSWORD);
		await form.locator('button[type="submit"]').click();
		await expect(page).not.toHaveURL(/\/login/);
	}
	// After the sign-in, which sets the cookie to the language kept on the account.
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: language, url: baseURL }]);
	return { context, page };
}
