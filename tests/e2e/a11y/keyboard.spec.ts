import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';

// One person's morning from the keyboard alone — no mouse, no clicks: sign in, open a board,
// move a card, open it, comment, report an activity, then read the goal tree down to a goal.
// An NGO member on a card their organisation partners (Fundacja's card on the education board).

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Zajęcia w świetlicach środowiskowych – diagnoza potrzeb';
const COMMENT = 'Ankiety zebrane w czterech świetlicach.';
const SUMMARY = 'Ankiety w świetlicach: zebrane i opracowane.';

/** Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}) {
	for (let i = 0; i < max; i++) {
		const focused = target.evaluate((el) => el === document.activeElement, null, { timeout: 2000 });
		if (await focused.catch(() => false)) break;
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
	}
	await expect(target).toBeFocused();
}

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('keyboard only: sign in, move a card, comment, report, read the goal tree', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/login');
	await tabTo(page, page.getByLabel('Adres e-mail'));
	await page.keyboard.type('ngo@torun.example');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel(/^Hasło/)).toBeFocused();
	await page.keyboard.type(DEMO_PASSWORD);
	await page.keyboard.press('Enter');
	await expect(page).not.toHaveURL(/\/login/);

	// To the boards through the main navigation, and into the education board.
	await tabTo(
		page,
		page
			.getByRole('navigation', { name: 'Nawigacja główna' })
			.getByRole('link', { name: 'Tablice' })
	);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/boards$/);
	await tabTo(page, page.getByRole('link', { name: BOARD, exact: true }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(BOARD);

	// Space lifts the card, Tab carries it to the next column, Space drops it.
	const tile = column(page, 'W realizacji').getByRole('listitem', { name: CARD, exact: true });
	await tabTo(page, tile);
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Space');
	await expect(page.getByText(`Przeniesiono „${CARD}” do kolumny Zagrożone`)).toBeAttached();
	await page.reload();
	const moved = column(page, 'Zagrożone').getByRole('listitem', { name: CARD, exact: true });
	await expect(moved).toBeVisible();
	await expect(column(page, 'W realizacji').getByRole('listitem', { name: CARD })).toHaveCount(0);

	// Enter opens the card; its title takes the focus.
	await tabTo(page, moved);
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: CARD });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('heading', { name: CARD })).toBeFocused();

	// A comment, written and sent.
	await tabTo(page, dialog.getByLabel('Nowy komentarz'));
	await page.keyboard.type(COMMENT);
	await tabTo(page, dialog.getByRole('button', { name: 'Wyślij komentarz', exact: true }));
	await page.keyboard.press('Enter');
	await expect(dialog.locator('[data-comment-id]').filter({ hasText: COMMENT })).toBeVisible();

	// The report form: opened with Enter on its disclosure, filled, saved as a draft.
	const opener = dialog.locator('summary', { hasText: 'Dodaj raport z działania' });
	await tabTo(page, opener, { back: true });
	await page.keyboard.press('Enter');
	const report = dialog.locator('form[action$="/reports?/save"]').last();
	await tabTo(page, report.getByLabel(/^Od/));
	await page.keyboard.type('01102026'); // a date field takes the day, month and year as typed
	await tabTo(page, report.getByLabel(/^Do/));
	await page.keyboard.type('31102026');
	await tabTo(page, report.getByLabel(/^Co zostało zrobione/));
	await page.keyboard.type(SUMMARY);
	await tabTo(page, report.getByRole('button', { name: 'Zapisz szkic' }));
	await page.keyboard.press('Enter');
	await expect(dialog.getByText('Zapisano szkic raportu.')).toBeVisible();
	await expect(dialog.locator('[data-report-id]').filter({ hasText: SUMMARY })).toContainText(
		'szkic'
	);

	// Escape closes the dialog and gives the focus back to the card on the board.
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	await expect(moved).toBeFocused();

	// The goal tree: the strategy from the navigation, a goal's subgoals opened with Enter,
	// and a goal's page reached.
	await tabTo(
		page,
		page
			.getByRole('navigation', { name: 'Nawigacja główna' })
			.getByRole('link', { name: 'Strategie' }),
		{ back: true }
	);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/strategies$/);
	await tabTo(page, page.locator('main h2 a').first());
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Drzewo celów' })).toBeVisible();
	// An operational goal whose subgoals are folded: its disclosure, opened with Enter.
	const folded = page.locator('li.level-operational:has(> details:not([open]))').first();
	const href = await folded.locator('> .node a').getAttribute('href');
	const details = page.locator(`li:has(> .node a[href="${href}"]) > details`);
	await tabTo(page, details.locator('> summary'), { max: 300 });
	await page.keyboard.press('Enter');
	await expect(details).toHaveAttribute('open', '');
	// The first goal under it is the next stop.
	await page.keyboard.press('Tab');
	const child = details.locator('a[href^="/goals/"]').first();
	await expect(child).toBeFocused();
	// The link reads "code. title"; the goal's page has the title as its heading.
	const title = (await child.textContent())!.trim().replace(/^[\d.]+\s*/, '');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/goals\/\d+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});
