import { test } from '@playwright/test';
import { contextFor, type Language } from './axe';
import {
	checkAdminPages,
	checkCoordinatorPages,
	checkPublicPages,
	checkSignedInPages
} from './pages';

// Every page, checked by axe against WCAG 2.1 A and AA, as each role sees it: one browser
// context per role and language, reused for all its pages. The coordinator, who sees every page,
// is checked in both languages; the other roles in Polish.

const EDUCATION = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';

const COUNTY = 'Budowa ścieżek rowerowych';

// Axe on a few dozen pages: more than the default 30 s a test.
test.describe.configure({ timeout: 180_000 });

for (const language of ['pl', 'en'] as Language[]) {
	test(`anonymous (${language}): public pages pass axe`, async ({ browser, baseURL }) => {
		const { context, page } = await contextFor(browser, baseURL!, language);
		await checkPublicPages(page);
		await context.close();
	});

	test(`coordinator (${language}): every page passes axe`, async ({ browser, baseURL }) => {
		const { context, page } = await contextFor(
			browser,
			baseURL!,
			language,
			'koordynator@torun.example'
		);
		const { strategy } = await checkSignedInPages(page, { boardTitle: EDUCATION, manager: true });
		await checkCoordinatorPages(page, strategy);
		await context.close();
	});
}

test('administrator (pl): the administration pages pass axe', async ({ browser, baseURL }) => {
	const { context, page } = await contextFor(browser, baseURL!, 'pl', 'admin@torun.example');
	await checkAdminPages(page);
	await context.close();
});

const members = [
	['department manager', 'wydzial@torun.example', EDUCATION, true],
	['NGO member', 'ngo@torun.example', EDUCATION, false],
	['county staff', 'powiat@torun.example', COUNTY, false]
] as const;

for (const [who, email, boardTitle, manager] of members) {
	test(`${who} (pl): the pages they see pass axe`, async ({ browser, baseURL }) => {
		const { context, page } = await contextFor(browser, baseURL!, 'pl', email);
		await checkSignedInPages(page, { boardTitle, manager });
		await context.close();
	});
}
