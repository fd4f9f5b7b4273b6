import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

const EDUCATION_BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';

async function openBoard(page: Page, title = EDUCATION_BOARD) {
	await page.goto('/boards');
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	// The server's page shows the heading before its script runs; a drag or a key press then does
	// nothing. The page is live (its script running, its room joined) once it lists who is here.
	await expect(
		page.getByRole('list', { name: 'Na tablicy teraz' }).getByRole('listitem')
	).not.toHaveCount(0);
}

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const tile = (page: Page, title: string) =>
	page.getByRole('listitem', { name: title, exact: true });

test('a card dragged to another column is there after a reload', async ({ page }) => {
	const title = 'Letnia akademia edukacji pozaformalnej dla młodzieży';
	await signIn(page, 'wydzial@torun.example');
	await openBoard(page);
	await expect(column(page, 'Zaplanowane').getByRole('listitem', { name: title })).toBeVisible();
	// The mouse works within the viewport: bring the card there, and aim at the top of the
	// target column (its list may reach below the fold).
	await tile(page, title).scrollIntoViewIfNeeded();
	const from = await tile(page, title).boundingBox();
	const to = await column(page, 'Zrealizowane')
		.getByRole('list', { name: 'Zrealizowane', exact: true })
		.boundingBox();
	const target = { x: to!.x + to!.width / 2, y: to!.y + Math.min(60, to!.height / 2) };
	await page.mouse.move(from!.x + 20, from!.y + 20);
	await page.mouse.down();
	// Several small steps: the library follows the pointer, not a jump.
	await page.mouse.move(from!.x + 40, from!.y + 30, { steps: 5 });
	await page.mouse.move(target.x, target.y, { steps: 20 });
	// The library samples the pointer's place on a timer: let it see where the card now is.
	await page.waitForTimeout(300);
	await page.mouse.move(target.x + 2, target.y + 2);
	await page.waitForTimeout(200);
	await page.mouse.up();
	await expect(page.getByText(`Przeniesiono „${title}” do kolumny Zrealizowane`)).toBeAttached();
	await page.reload();
	await expect(column(page, 'Zrealizowane').getByRole('listitem', { name: title })).toBeVisible();
	await expect(column(page, 'Zaplanowane').getByRole('listitem', { name: title })).toHaveCount(0);
});

test('a card moves with the keyboard alone, announced to screen readers', async ({ page }) => {
	const title = 'Wydłużone godziny pracy przedszkoli w wakacje';
	await signIn(page, 'wydzial@torun.example');
	await openBoard(page);
	await tile(page, title).focus();
	await page.keyboard.press('Space');
	// Tab takes the picked-up card to the next column; Space drops it there.
	await page.keyboard.press('Tab');
	await page.keyboard.press('Space');
	await expect(page.getByText(`Przeniesiono „${title}” do kolumny W realizacji`)).toBeAttached();
	await page.reload();
	await expect(column(page, 'W realizacji').getByRole('listitem', { name: title })).toBeVisible();
});

test('the "move to…" control moves a card without a pointer', async ({ page }) => {
	const title = 'Akademia doradztwa zawodowego dla dorosłych';
	await signIn(page, 'wydzial@torun.example');
	await openBoard(page);
	await page.getByRole('link', { name: title }).click();
	const dialog = page.getByRole('dialog', { name: title });
	await expect(dialog).toBeVisible();
	await dialog.getByLabel('Przenieś do…').selectOption({ label: 'Zagrożone: na początek' });
	await dialog.getByRole('button', { name: 'Przenieś', exact: true }).click();
	await expect(dialog.getByText('Przeniesiono kartę.')).toBeVisible();
	await dialog.getByRole('link', { name: 'Zamknij' }).click();
	await expect(dialog).toHaveCount(0);
	await page.reload();
	const blocked = column(page, 'Zagrożone').getByRole('listitem');
	await expect(blocked.first()).toHaveAccessibleName(title);
});

test('an NGO partner sees only its cards and gets 404 for a foreign card', async ({ browser }) => {
	const staff = await browser.newContext();
	const staffPage = await staff.newPage();
	await signIn(staffPage, 'wydzial@torun.example');
	await openBoard(staffPage);
	const foreign = await staffPage
		.getByRole('link', { name: 'Szerokopasmowy internet w szkołach – modernizacja sieci' })
		.getAttribute('href');
	await staff.close();

	const ngo = await browser.newContext();
	const page = await ngo.newPage();
	await signIn(page, 'ngo@torun.example');
	await openBoard(page);
	await expect(
		page.getByRole('link', {
			name: 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026'
		})
	).toBeVisible();
	await expect(
		page.getByRole('link', { name: 'Szerokopasmowy internet w szkołach – modernizacja sieci' })
	).toHaveCount(0);
	const response = await page.goto(foreign!);
	expect(response?.status()).toBe(404);
	await ngo.close();
});

test('a stale edit in a second tab gets the conflict message and keeps what was typed', async ({
	context
}) => {
	const title = 'Miejska olimpiada sportowa szkół podstawowych';
	const first = await context.newPage();
	await signIn(first, 'wydzial@torun.example');
	await openBoard(first);
	await first.getByRole('link', { name: title }).click();
	await expect(first.getByRole('dialog', { name: title })).toBeVisible();
	const url = first.url();
	const second = await context.newPage();
	await second.goto(url);

	for (const page of [first, second])
		await page.getByRole('dialog').getByText('Edytuj kartę').click();
	// The second tab starts its edit first; the first saves meanwhile. (The second tab's card
	// reloads live, but the edit keeps the version it started from.)
	await second.getByRole('dialog').getByLabel('Termin').fill('2027-06-30');
	await first.getByRole('dialog').getByLabel('Tytuł').fill(`${title} – finał`);
	await first.getByRole('dialog').getByRole('button', { name: 'Zapisz' }).click();
	await expect(first.getByText('Zapisano zmiany karty.')).toBeVisible();

	const editForm = second.getByRole('dialog').locator('form[action$="?/update"]');
	await editForm.getByRole('button', { name: 'Zapisz' }).click();
	await expect(editForm.getByRole('alert').first()).toContainText('Ktoś inny zmienił tę kartę');
	await expect(second.getByRole('heading', { name: /Aktualny stan karty/ })).toBeVisible();
	await expect(second.getByRole('dialog').getByText(`${title} – finał`).first()).toBeVisible();
	await expect(second.getByRole('dialog').getByLabel('Termin')).toHaveValue('2027-06-30');
});

test('filters live in the URL: a shared link shows the same filtered board and list', async ({
	page
}) => {
	await signIn(page, 'wydzial@torun.example');
	await openBoard(page);
	// The filters besides the search sit in a popover; a choice there applies at once.
	const filters = page.getByRole('search', { name: 'Filtry' });
	await filters.locator('summary', { hasText: 'Filtry' }).click();
	await filters.getByLabel('Termin', { exact: true }).selectOption({ label: 'po terminie' });
	await expect(page).toHaveURL(/due=overdue/);
	const shown = await page
		.getByRole('listitem')
		.filter({ has: page.locator('.title') })
		.count();
	await expect(page.getByRole('status').filter({ hasText: 'Pasujące karty' })).toContainText(
		String(shown)
	);
	// The same link in a fresh page, as the list view, sorted by title.
	const url = new URL(page.url());
	url.searchParams.set('view', 'list');
	url.searchParams.set('sort', 'title');
	await page.goto(url.toString());
	const rows = page.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(shown + 1);
	const titles = await rows.locator('td:first-child').allInnerTexts();
	expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'pl')));
	await expect(page.getByRole('columnheader', { name: /Tytuł/ })).toHaveAttribute(
		'aria-sort',
		'ascending'
	);
	// The active filter is a chip that removes itself.
	await page.getByRole('link', { name: 'Usuń filtr: Termin: po terminie' }).click();
	await expect(page).not.toHaveURL(/due=/);
});

test('"my work" lists the cards of my organisation, overdue first', async ({ page }) => {
	await signIn(page, 'ngo@torun.example');
	// The main navigation's link: the desk below links to the same list.
	await page
		.getByRole('navigation', { name: 'Nawigacja główna' })
		.getByRole('link', { name: 'Moja praca' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Moja praca');
	const rows = page.getByRole('table').getByRole('row');
	expect(await rows.count()).toBeGreaterThan(3);
	await expect(rows.nth(1)).toContainText('po terminie');
});
