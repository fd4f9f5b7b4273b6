import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright';
import { startAppServer } from '../bench/lib/app-server';

// The README's screenshots, taken from the built app on a fresh copy of the demo data, so they
// show the product as it is: `npm run screenshots` (it builds first). Each shot names the demo
// account, the page, the size and the language; a page is found the way a person finds it (by
// following links), so the shots keep working when ids change.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'docs', 'screens');
const PASSWORD = 'demo-torun-2028';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};

type Account = 'admin' | 'koordynator' | 'wydzial' | 'ngo' | 'powiat';

interface Shot {
	file: string;
	/** Who is signed in; none for the public page. */
	account?: Account;
	size: BrowserContextOptions;
	locale?: 'pl' | 'en';
	colorScheme?: 'light' | 'dark';
	/** Brings the page to what the shot shows, starting signed in on the home page. */
	open: (page: Page) => Promise<void>;
}

/** The board whose link names `name`, from the boards list. */
async function openBoard(page: Page, name: RegExp): Promise<void> {
	await page.goto('/boards');
	await page.locator('main a[href^="/boards/"]', { hasText: name }).first().click();
	await page.waitForURL(/\/boards\/\d+/);
}

/** The board above, then its first card's dialog. */
async function openFirstCard(page: Page, board: RegExp): Promise<void> {
	await openBoard(page, board);
	await page.locator('main a[href*="/cards/"]').first().click();
	await page.waitForURL(/\/cards\/\d+/);
	await page.getByRole('dialog').first().waitFor();
}

async function follow(page: Page, href: string): Promise<void> {
	await page.goto('/');
	const link = page.locator(`a[href^="${href}"]`).first();
	await link.click();
	await page.waitForURL((url) => url.pathname.startsWith(href));
}

const EDUCATION = /Wydział Edukacji/;
const JOINT = /ścieżek rowerowych/;

const SHOTS: Shot[] = [
	{ file: 'board.png', account: 'wydzial', size: DESKTOP, open: (p) => openBoard(p, EDUCATION) },
	{
		file: 'board-phone.png',
		account: 'wydzial',
		size: PHONE,
		open: (p) => openBoard(p, EDUCATION)
	},
	{
		file: 'board-dark-en.png',
		account: 'wydzial',
		size: DESKTOP,
		locale: 'en',
		colorScheme: 'dark',
		open: (p) => openBoard(p, EDUCATION)
	},
	{ file: 'joint-board.png', account: 'powiat', size: DESKTOP, open: (p) => openBoard(p, JOINT) },
	{ file: 'card.png', account: 'wydzial', size: DESKTOP, open: (p) => openFirstCard(p, EDUCATION) },
	{
		file: 'card-phone.png',
		account: 'wydzial',
		size: PHONE,
		open: (p) => openFirstCard(p, EDUCATION)
	},
	{ file: 'desk.png', account: 'wydzial', size: DESKTOP, open: async () => {} },
	{ file: 'desk-phone.png', account: 'ngo', size: PHONE, open: async () => {} },
	{ file: 'reports.png', account: 'wydzial', size: DESKTOP, open: (p) => follow(p, '/my-reports') },
	{
		file: 'strategy.png',
		account: 'koordynator',
		size: DESKTOP,
		open: (p) => follow(p, '/strategies')
	},
	{
		file: 'dashboard.png',
		account: 'koordynator',
		size: DESKTOP,
		open: (p) => follow(p, '/dashboard')
	},
	{ file: 'audit.png', account: 'koordynator', size: DESKTOP, open: (p) => follow(p, '/audit') },
	{ file: 'public.png', size: DESKTOP, open: (p) => p.goto('/public').then(() => {}) }
];

async function signIn(page: Page, account: Account): Promise<void> {
	await page.goto('/login');
	await page.locator('input[name=email]').fill(`${account}@torun.example`);
	await page.locator('input[name=password]').fill(PASSWORD);
	await page.locator('form:has(input[name=email]) button[type=submit]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function take(browser: Browser, origin: string, shot: Shot): Promise<void> {
	const context = await browser.newContext({
		...shot.size,
		baseURL: origin,
		locale: shot.locale === 'en' ? 'en-GB' : 'pl-PL',
		colorScheme: shot.colorScheme ?? 'light',
		timezoneId: 'Europe/Warsaw'
	});
	if (shot.locale) {
		const { hostname } = new URL(origin);
		await context.addCookies([
			{ name: 'PARAGLIDE_LOCALE', value: shot.locale, domain: hostname, path: '/' }
		]);
	}
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	try {
		if (shot.account) await signIn(page, shot.account);
		await shot.open(page);
		await page.waitForLoadState('networkidle');
		// Fonts and the live connection settle; a shot of a half-painted page helps nobody.
		await page.evaluate(() => document.fonts.ready);
		await page.screenshot({ path: path.join(OUT, shot.file) });
		if (errors.length) throw new Error(`script errors on ${page.url()}: ${errors.join('; ')}`);
		console.log(`${shot.file.padEnd(20)} ${page.url().replace(origin, '')}`);
	} finally {
		await context.close();
	}
}

async function main(): Promise<void> {
	const only = process.argv.slice(2);
	const shots = only.length ? SHOTS.filter((s) => only.some((o) => s.file.includes(o))) : SHOTS;
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'screens-'));
	await mkdir(OUT, { recursive: true });
	const server = await startAppServer({ appDir: ROOT, env: { DATA_DIR: dataDir } });
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	let failed = 0;
	try {
		for (const shot of shots) {
			try {
				await take(browser, server.origin, shot);
			} catch (error) {
				failed++;
				console.error(`${shot.file}: ${(error as Error).message.split('\n')[0]}`);
			}
		}
	} finally {
		await browser.close();
		await server.stop();
		await rm(dataDir, { recursive: true, force: true });
	}
	console.log(`${shots.length - failed} of ${shots.length} screenshots in ${OUT}`);
	if (failed) process.exitCode = 1;
}

await main();
