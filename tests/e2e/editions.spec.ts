import { expect, test, type Page } from '@playwright/test';
import { openBoardNamed, openCardNamed, signIn, signedInPage } from './helpers';

// Two editions of the city strategy: the goal mapping on both, the current goal shown on a card of
// the superseded edition, and the coordinator's re-link of that edition's board. The re-link moves
// the demo board of the earlier edition for good, so the tests run in order; the access-policy
// spec, which reads the demo world as seeded, runs before this file.
test.describe.configure({ mode: 'serial' });

const CURRENT = '/strategies/torun-2028';
const PREVIOUS = '/strategies/torun-2020';
const PREVIOUS_TITLE = 'Strategia Rozwoju Miasta Torunia do 2020 roku';
const BOARD = 'Projekty strategii do 2020 r.';
const CARD = 'Lokalny Program Rewitalizacji – sprawozdanie końcowe';
const ARCHIVED = 'Raport o ofercie kulturalnej miasta 2016–2020';
const OLD_GOAL = '2.3. Rewitalizacja obiektów zabytkowych i terenów zdegradowanych';
const NEW_GOAL = '3.3. Rewitalizacja obiektów zabytkowych i terenów zdegradowanych';

async function mappingTable(page: Page) {
	const section = page.getByRole('region', { name: 'Mapowanie celów między edycjami' });
	await section.getByText(/^Pokaż mapowanie \(par: 26\)$/).click();
	return section.getByRole('table', { name: /Cele wcześniejszej edycji i ich odpowiedniki/ });
}

const openCard = (page: Page) => openCardNamed(page, BOARD, CARD);

test('the mapping between the editions is shown on both', async ({ page }) => {
	await signIn(page, 'koordynator@torun.example');
	for (const path of [CURRENT, PREVIOUS]) {
		await page.goto(path);
		const table = await mappingTable(page);
		const row = table.getByRole('row').filter({ hasText: OLD_GOAL });
		await expect(row.getByRole('link', { name: OLD_GOAL })).toBeVisible();
		await expect(row.getByRole('link', { name: NEW_GOAL })).toBeVisible();
		await expect(row).toContainText('Tytuł bez zmian; numer 2.3 → 3.3.');
		await expect(
			page.getByRole('heading', { name: 'Cele wcześniejszej edycji bez odpowiednika (0)' })
		).toBeVisible();
	}
	// Only the current edition says what is new in it: 2.4 – 2.11 and the 26 tasks of 1.1.
	await page.goto(CURRENT);
	await expect(page.getByRole('heading', { name: 'Nowe w tej edycji (34)' })).toBeVisible();
	await expect(
		page.getByRole('link', { name: /^2\.11\. Umocnienie atrakcyjnego/ }).first()
	).toBeVisible();
});

test('a card of the superseded edition shows the goal it continues as', async ({ page }) => {
	await signIn(page, 'koordynator@torun.example');
	const dialog = await openCard(page);
	await expect(dialog.getByRole('navigation').getByRole('link', { name: OLD_GOAL })).toBeVisible();
	const notice = dialog.getByRole('note');
	await expect(notice).toContainText('Ten cel należy do zastąpionej edycji strategii');
	await expect(notice.getByRole('link', { name: PREVIOUS_TITLE })).toBeVisible();
	await expect(notice).toContainText('W obecnej edycji jest kontynuowany jako');
	await expect(notice.getByRole('link', { name: NEW_GOAL })).toHaveAttribute(
		'href',
		/^\/goals\/\d+$/
	);
});

test('the re-link is the coordinator’s alone', async ({ browser }) => {
	const page = await signedInPage(browser, 'wydzial@torun.example');
	const res = await page.goto(`${CURRENT}/relink`);
	expect(res?.status()).toBe(404);
	await page.goto(CURRENT);
	await expect(page.getByRole('link', { name: /^Przepnij karty/ })).toHaveCount(0);
	await page.context().close();
});

test('the coordinator previews the re-link and confirms it', async ({ page, browser }) => {
	await signIn(page, 'koordynator@torun.example');
	await page.goto(CURRENT);
	await page
		.getByRole('link', {
			name: `Przepnij karty z edycji „${PREVIOUS_TITLE}” (karty: 6, tablice: 1)`
		})
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Przepięcie kart do obecnej edycji'
	);
	await expect(page.getByRole('heading', { name: 'Tablice do przeniesienia (1)' })).toBeVisible();
	const table = page.getByRole('table', { name: /Karty na tablicach zastąpionej edycji/ });
	await expect(table.getByRole('row')).toHaveCount(1 + 6);
	const row = table.getByRole('row').filter({ hasText: CARD });
	await expect(row.getByRole('link', { name: OLD_GOAL })).toBeVisible();
	await expect(row.getByRole('link', { name: NEW_GOAL })).toBeVisible();
	await expect(page.getByText('Do przepięcia: 6. Do usunięcia powiązania: 0.')).toBeVisible();

	// Someone archives a card meanwhile: the confirm is refused, and the fresh preview shown.
	const other = await signedInPage(browser, 'koordynator@torun.example');
	await openBoardNamed(other, BOARD);
	await other.getByRole('link', { name: ARCHIVED }).click();
	await other.getByRole('button', { name: 'Archiwizuj kartę' }).click();
	await expect(other).toHaveURL(/archived_card=1/);
	await other.context().close();
	await page.getByRole('button', { name: 'Potwierdź przepięcie' }).click();
	await expect(page.getByRole('alert')).toContainText('Od czasu podglądu coś się zmieniło');
	await expect(table.getByRole('row').filter({ hasText: ARCHIVED })).toContainText(
		'(zarchiwizowana)'
	);

	await page.getByRole('button', { name: 'Potwierdź przepięcie' }).click();
	await expect(page).toHaveURL(/\/strategies\/torun-2028\?relinked=6&unlinked=0&boards=1$/);
	await expect(page.getByText(/^Przepięcie zakończone\./)).toContainText(
		'Karty przepięte do celów obecnej edycji: 6; karty pozostawione bez celu: 0; tablice przeniesione: 1.'
	);
	await expect(page.getByRole('link', { name: /^Przepnij karty/ })).toHaveCount(0);

	// The card now carries out the current goal, says so in its history, and the notice is gone.
	const dialog = await openCard(page);
	await expect(dialog.getByRole('navigation').getByRole('link', { name: NEW_GOAL })).toBeVisible();
	await expect(dialog.getByRole('note')).toHaveCount(0);
	await expect(
		dialog.getByText('przepiął(a) kartę do celu obecnej edycji strategii')
	).toBeVisible();

	// The board belongs to the current edition: its goal pages list the card on it, and offer it
	// for new cards.
	await dialog.getByRole('navigation').getByRole('link', { name: NEW_GOAL }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Rewitalizacja obiektów zabytkowych i terenów zdegradowanych'
	);
	await expect(page.getByRole('navigation', { name: 'Ścieżka nawigacji' })).toContainText(
		'Strategia Rozwoju Miasta Torunia do 2028 roku'
	);
	const cardRow = page.getByRole('row').filter({ hasText: CARD });
	await expect(cardRow.getByRole('link', { name: BOARD })).toBeVisible();
	await expect(page.locator('#new-card-board option', { hasText: BOARD })).toHaveCount(1);

	// Nothing is left to re-link.
	await page.goto(`${CURRENT}/relink`);
	await expect(
		page.getByText('Zastąpiona edycja nie ma już tablic — nie ma czego przepinać.')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Potwierdź przepięcie' })).toHaveCount(0);
});
