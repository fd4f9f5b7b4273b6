import { expect, type Browser, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import type { Session } from './http';
import { IMG, SCRIPT, SVG } from './xss-world';

// The checks of the XSS tests: a page visited in Chromium must show the hostile text as text and
// hold nothing it brought (no script, no event-handler attribute, no javascript: URL, no frame),
// and no dialog may open. A file handed out must start no cell with what a spreadsheet would run
// as a formula (=, +, -, @, a tab or a carriage return).

/** A browser page signed in with the session's cookie (or none). */
export async function pageFor(browser: Browser, baseURL: string, session: Session): Promise<Page> {
	const context = await browser.newContext();
	if (session.cookie) {
		const [name, value] = session.cookie.split('; ')[0]!.split('=') as [string, string];
		await context.addCookies([{ name, value, url: baseURL }]);
	}
	return context.newPage();
}

/** What the hostile text left in the DOM that it must not have. */
export function injected(page: Page) {
	return page.evaluate(() => {
		const found: string[] = [];
		for (const el of document.querySelectorAll('*')) {
			for (const attr of el.attributes) {
				if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
				if (/^\s*javascript:/i.test(attr.value))
					found.push(`${el.tagName} ${attr.name}=javascript:`);
			}
		}
		for (const s of document.querySelectorAll('script'))
			if (s.textContent?.trim() === 'alert(1)') found.push('script alert(1)');
		for (const tag of ['iframe', 'svg[onload]', 'img[src="x"]', 'math', 'object', 'embed'])
			for (const el of document.querySelectorAll(tag)) found.push(el.outerHTML.slice(0, 80));
		return found;
	});
}

/** Visits a page, which must answer 200, raise no dialog, show `markers` as text and hold no injection. */
export async function visit(page: Page, path: string, markers: string[]) {
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const res = await page.goto(path);
	expect(res?.status(), path).toBe(200);
	await page.waitForLoadState('networkidle');
	// The page's text, collapsed parts included, but not the data of its scripts.
	const text = await page.evaluate(() => {
		const body = document.body.cloneNode(true) as HTMLElement;
		for (const el of body.querySelectorAll('script, style, template')) el.remove();
		return body.textContent ?? '';
	});
	for (const marker of markers) expect(text, `${path} shows ${marker}`).toContain(marker);
	expect(await injected(page), path).toEqual([]);
	expect(dialogs, path).toEqual([]);
}

/** The hostile text as the page must show it: literally. */
export const shown = (marker: string) => `${marker} ${SCRIPT} ${IMG} ${SVG}`;

/** What a spreadsheet would run as a formula when a cell starts with it. */
export const RISKY = /^[=+\-@\t\r]/;

/** Every cell of a CSV file, its byte-order mark left out. */
export function csvCells(file: Buffer): string[] {
	const rows = parse(file.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true });
	return (rows as string[][]).flat();
}

/** No cell a spreadsheet would run; the hostile `marker` text is there, defused, as text. */
export function expectDefused(cells: string[], marker: string, what: string) {
	expect(
		cells.filter((c) => RISKY.test(c)),
		`${what}: cells a spreadsheet would run`
	).toEqual([]);
	const cell = cells.find((c) => c.includes(marker));
	expect(cell, `${what}: ${marker}`).toBeDefined();
	expect(cell, `${what}: ${marker}`).toMatch(/^'[=+\-@]/);
	expect(cell, `${what}: ${marker}`).toContain(`${SCRIPT} ${IMG}`);
}
