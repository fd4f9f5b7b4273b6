import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from '../helpers';
import { signInSession } from '../security/http';
import { readData } from '../security/resources';

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
	await tabTo(page, report.getByRole('textbox', { name: 'Do', exact: true }));
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

test('keyboard only on the board: quick add, search and filter, carry a card round every column, open it and mention someone', async ({
	page,
	baseURL
}) => {
	test.setTimeout(150_000);
	const NEW = 'Dyżur doradcy w bibliotece – klawiatura';
	const tile = (name: string) =>
		page
			.getByRole('listitem', { name: NEW, exact: true })
			.and(column(page, name).getByRole('listitem'));
	await signIn(page, 'wydzial@torun.example');
	await page.goto('/boards');
	await page.getByRole('link', { name: BOARD, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(BOARD);
	// Live once it lists who is here: the shortcuts and the moves need its script.
	await expect(
		page.getByRole('list', { name: 'Na tablicy teraz' }).getByRole('listitem')
	).not.toHaveCount(0);

	// "?" shows the shortcuts; Escape closes them.
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Skróty klawiszowe' });
	await expect(help).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(help).toBeHidden();

	// "n" opens the first column's quick add; Escape cancels it, Enter adds the card.
	const title = column(page, 'Zaplanowane').getByLabel('Tytuł nowej karty w kolumnie Zaplanowane');
	await page.keyboard.press('n');
	await expect(title).toBeFocused();
	await page.keyboard.type('porzucona');
	await page.keyboard.press('Escape');
	await expect(title).toHaveCount(0);
	await expect(
		column(page, 'Zaplanowane').getByRole('button', { name: 'Dodaj kartę' })
	).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(title).toBeFocused();
	await page.keyboard.type(NEW);
	await page.keyboard.press('Enter');
	// The new card opens, for its goal and the rest; Escape goes back to the board.
	const dialog = page.getByRole('dialog', { name: NEW });
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toHaveCount(0);
	// Closing the card gives the focus to it on the board.
	await expect(tile('Zaplanowane')).toBeFocused();
	await expect(tile('Zaplanowane')).toContainText('Bez celu');

	// "/" goes to the search; typing filters the board, in the URL, with counts that say so.
	await page.keyboard.press('/');
	const search = page.getByRole('searchbox', { name: 'Szukaj kart' });
	await expect(search).toBeFocused();
	await page.keyboard.type('klawiatura');
	await expect(page).toHaveURL(/q=klawiatura/);
	await expect(search).toBeFocused();
	await expect(page.locator('[data-card-id]')).toHaveCount(1);
	await expect(page.getByRole('status').filter({ hasText: 'Pasujące karty' })).toContainText(
		'Pasujące karty: 1 z'
	);
	await expect(column(page, 'Zagrożone')).toContainText(
		'Żadna karta tej kolumny nie pasuje do filtrów'
	);
	// A filter from the popover, chosen from the keyboard: none of this board's cards is left.
	const more = page.getByRole('search', { name: 'Filtry' }).locator('summary');
	await tabTo(page, more);
	await page.keyboard.press('Enter');
	const due = page.getByRole('combobox', { name: 'Termin', exact: true });
	await tabTo(page, due);
	// Down from "any" to the first choice, "overdue": it applies as it is chosen.
	await page.keyboard.press('ArrowDown');
	await expect(page).toHaveURL(/due=overdue/);
	await expect(page.locator('[data-card-id]')).toHaveCount(0);
	await page.keyboard.press('Escape');
	// Its chip takes it away again; then the search's chip.
	const dueChip = page.getByRole('link', { name: 'Usuń filtr: Termin: po terminie' });
	await tabTo(page, dueChip);
	await page.keyboard.press('Enter');
	await expect(page).not.toHaveURL(/due=/);
	await expect(page.locator('[data-card-id]')).toHaveCount(1);
	const searchChip = page.getByRole('link', {
		name: 'Usuń filtr: Szukaj w tytule i opisie: „klawiatura”'
	});
	await tabTo(page, searchChip);
	await page.keyboard.press('Enter');
	await expect(page).not.toHaveURL(/q=/);
	await expect(search).toHaveValue('');

	// The card carried round the board: two columns in one carry, then one at a time, from the
	// last column round to the first (Tab never carries it off the board), and on. After every
	// drop the focus is on the card, where it now is.
	await tabTo(page, tile('Zaplanowane'), { max: 120 });
	const carry = async (tabs: number, to: string) => {
		await page.keyboard.press('Space');
		for (let i = 0; i < tabs; i++) {
			await page.keyboard.press('Tab');
			await expect(page.locator('body')).not.toBeFocused();
		}
		await page.keyboard.press('Space');
		await expect(page.getByText(`Przeniesiono „${NEW}” do kolumny ${to}`)).toBeAttached();
		await expect(tile(to)).toBeFocused();
	};
	await carry(2, 'Zagrożone');
	await carry(1, 'Zrealizowane');
	await carry(1, 'Zaplanowane');
	await carry(1, 'W realizacji');
	// Escape puts a carried card back where it was, and saves nothing.
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Escape');
	await expect(tile('W realizacji')).toBeFocused();

	// One move, one entry in the card's history: four drops, four moves recorded.
	const session = await signInSession(baseURL!, 'wydzial@torun.example');
	const cardId = await tile('W realizacji').getAttribute('data-card-id');
	const boardPath = new URL(page.url()).pathname;
	const card = await readData(baseURL!, session, `${boardPath}/cards/${cardId}`);
	const moves = (card.history as { type: string }[]).filter((e) => e.type === 'card.moved');
	expect(moves).toHaveLength(4);

	// Enter opens the card; a comment with an @-mention, chosen from the list by keyboard.
	await page.keyboard.press('Enter');
	const opened = page.getByRole('dialog', { name: NEW });
	await expect(opened).toBeVisible();
	const box = opened.getByLabel('Nowy komentarz');
	await tabTo(page, box, { max: 120 });
	await page.keyboard.type('Do sprawdzenia, @');
	const people = opened.getByRole('listbox', { name: 'Osoby, które widzą tę kartę' });
	const first = people.getByRole('option').first();
	await expect(first).toHaveAttribute('aria-selected', 'true');
	// The option's own text is the person's name (beside an avatar hidden from screen readers).
	const name = await first.evaluate((el) =>
		[...el.childNodes]
			.filter((n) => n.nodeType === Node.TEXT_NODE)
			.map((n) => n.textContent)
			.join('')
			.trim()
	);
	expect(name).not.toBe('');
	await page.keyboard.press('Enter');
	await expect(box).toHaveValue(new RegExp(`^Do sprawdzenia, @\\[${name}\\]\\(user:\\d+\\) $`));
	await tabTo(page, opened.getByRole('button', { name: 'Wyślij komentarz' }));
	await page.keyboard.press('Enter');
	await expect(box).toHaveValue('');
	await expect(
		opened.locator('[data-comment-id]').filter({ hasText: 'Do sprawdzenia' }).getByText(`@${name}`)
	).toBeVisible();
});
