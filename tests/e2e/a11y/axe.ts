import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';

// WCAG 2.1 A and AA: the level the Polish act on digital accessibility (and EN 301 549) requires.
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Language = 'pl' | 'en';
export type Theme = 'light' | 'dark';

/** The two window sizes every page is made for: a phone (emulated) and a desktop. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1440, height: 900 } };

/** One line per violation and node, so a failure says what to fix and where. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']) {
	return violations.flatMap((v) =>
		v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`)
	);
}

/**
 * Runs axe on the page as it is now (or on the part `scope` selects) and records its violations
 * as a soft failure, so one run lists every page's problems rather than stopping at the first.
 */
export async function expectNoViolations(page: Page, what: string, scope?: string) {
	const started = Date.now();
	// Legacy mode runs axe in the page itself, not finishing in a blank page of its own: half the
	// time, and the app has no cross-origin frames, which is all that mode cannot reach.
	const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode();
	if (scope) axe.include(scope);
	const result = await axe.analyze();
	if (process.env.A11Y_TIMINGS) console.log(`${Date.now() - started} ms  ${what}`);
	expect.soft(describe(result.violations), `${what} (${page.url()})`).toEqual([]);
}

/**
 * A browser context in one language, signed in as `email` (or anonymous), in a theme (light
 * unless told) and at a size (the browser's default unless told). The language and the theme are
 * set in their cookies directly rather than through the header's switches, which would also store
 * the language on the account and change every later sign-in of that demo person.
 */
export async function contextFor(
	browser: Browser,
	baseURL: string,
	language: Language,
	email?: string,
	look: { theme?: Theme | 'system'; size?: typeof PHONE | typeof DESKTOP } = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		...look.size,
		locale: language === 'pl' ? 'pl-PL' : 'en-GB'
	});
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
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: language, url: baseURL },
		{ name: 'theme', value: look.theme ?? 'light', url: baseURL }
	]);
	return { context, page };
}
