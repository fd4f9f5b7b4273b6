import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { openBoardNamed, signIn } from './helpers';

// A form sent while the connection is down, or whose request breaks on the way, leaves the page
// as it was, with what was typed, and says so (src/lib/forms/enhance.ts); a save whose answer
// arrives just as the connection goes stays in the app instead of ending on the browser's own
// offline page. Each test works on cards of its own, archived at its end.

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const UNSENT =
	'Brak połączenia — nic nie zapisano. Twój tekst został zachowany; wyślij ponownie, gdy połączenie wróci.';
const DROPPED =
	/^Połączenie zerwało się w trakcie zapisu — zmiana mogła nie dotrzeć\. Twój tekst został zachowany;/;
const SAVED = 'Zapisano, ale połączenie zniknęło — strona odświeży się, gdy wróci.';
const LIVE_LOST = 'Brak połączenia na żywo — łączę ponownie…';

const todo = (page: Page) => page.getByRole('region', { name: 'Zaplanowane', exact: true });
const tiles = (page: Page, title: string) =>
	page.getByRole('listitem', { name: title, exact: true });

/** The board, once its script runs (a form sent before that would be a plain post). */
async function openLiveBoard(page: Page) {
	await openBoardNamed(page, BOARD);
	await expect(
		page.getByRole('list', { name: 'Na tablicy teraz' }).getByRole('listitem')
	).not.toHaveCount(0);
}

/** A card's dialog, once live (after a reload its forms work only then). */
async function liveCard(page: Page, title: string) {
	const dialog = page.getByRole('dialog', { name: title });
	await expect(
		dialog.getByRole('list', { name: 'Przy tej karcie teraz' }).getByRole('listitem')
	).not.toHaveCount(0);
	return dialog;
}

async function goOffline(context: BrowserContext, page: Page) {
	await context.setOffline(true);
	await expect(page.getByText(LIVE_LOST)).toBeVisible({ timeout: 15_000 });
}

async function goOnline(context: BrowserContext, page: Page) {
	await context.setOffline(false);
	await expect(page.getByText(LIVE_LOST)).toBeHidden({ timeout: 15_000 });
}

/** The connection breaks under every form post of this page: the request never arrives. */
async function breakPosts(page: Page) {
	await page.route('**/*', (route) =>
		route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()
	);
}

/** The quick add of the first column, open, with `title` typed in it. */
async function typeQuickAdd(page: Page, title: string): Promise<Locator> {
	await todo(page).getByRole('button', { name: 'Dodaj kartę' }).click();
	const input = todo(page).getByLabel('Tytuł nowej karty w kolumnie Zaplanowane');
	await input.fill(title);
	return input;
}

/** Leaves the board as the other specs know it: the card made here goes to the archive. */
async function archive(page: Page, dialog: Locator) {
	await dialog.getByRole('button', { name: 'Archiwizuj kartę' }).click();
	await expect(page).toHaveURL(/archived_card=1/);
}

test('a comment sent without a connection keeps its text, says so and writes nothing; sent again online it is saved once', async ({
	context,
	page
}) => {
	const card = 'Karta do komentarza wysłanego bez połączenia';
	const text = 'Komentarz pisany w tramwaju, bez zasięgu';
	await signIn(page, 'wydzial@torun.example');
	await openLiveBoard(page);
	await (await typeQuickAdd(page, card)).press('Enter');
	let dialog = await liveCard(page, card);
	const at = page.url();
	const box = () => dialog.getByLabel('Nowy komentarz');
	const send = () => dialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	const comments = () => dialog.locator('[data-comment-id]');
	await box().fill(text);

	// Offline: not even tried. The message shows in the dialog, over the inert page behind it.
	await goOffline(context, page);
	await send();
	await expect(dialog.getByText(UNSENT)).toBeVisible();
	await expect(page).toHaveURL(at);
	await expect(box()).toHaveValue(text);
	await expect(comments()).toHaveCount(0);

	// Online again, but the connection breaks under the request.
	await goOnline(context, page);
	await breakPosts(page);
	await send();
	await expect(dialog.getByText(DROPPED)).toBeVisible();
	await expect(page).toHaveURL(at);
	await expect(box()).toHaveValue(text);
	await page.unrouteAll();

	// Nothing was written.
	await page.reload();
	dialog = await liveCard(page, card);
	await expect(comments()).toHaveCount(0);

	// Sent again with the connection: saved, once.
	await box().fill(text);
	await send();
	await expect(box()).toHaveValue('');
	await expect(comments()).toHaveCount(1);
	await page.reload();
	dialog = await liveCard(page, card);
	await expect(comments()).toHaveCount(1);
	await expect(comments()).toContainText(text);
	await archive(page, dialog);
});

test('a quick add sent without a connection keeps its title, says so and adds nothing; sent again online it adds one card', async ({
	context,
	page
}) => {
	const card = 'Karta dodana dopiero po powrocie połączenia';
	await signIn(page, 'wydzial@torun.example');
	await openLiveBoard(page);
	const at = page.url();
	const input = await typeQuickAdd(page, card);

	await goOffline(context, page);
	await input.press('Enter');
	await expect(page.getByText(UNSENT)).toBeVisible();
	await expect(page).toHaveURL(at);
	await expect(input).toHaveValue(card);

	await goOnline(context, page);
	await breakPosts(page);
	await input.press('Enter');
	await expect(page.getByText(DROPPED)).toBeVisible();
	await expect(page).toHaveURL(at);
	await expect(input).toHaveValue(card);
	await page.unrouteAll();

	await page.reload();
	await openLiveBoard(page);
	await expect(tiles(page, card)).toHaveCount(0);

	await (await typeQuickAdd(page, card)).press('Enter');
	const dialog = await liveCard(page, card);
	await page.reload();
	await liveCard(page, card);
	await expect(tiles(page, card)).toHaveCount(1);
	await archive(page, dialog);
	await expect(tiles(page, card)).toHaveCount(0);
});

test('a slow save whose answer comes as the connection goes stays in the app, and opens the new card once it is back', async ({
	context,
	page
}) => {
	const card = 'Karta zapisana, gdy znikało połączenie';
	await signIn(page, 'wydzial@torun.example');
	await openLiveBoard(page);
	const at = page.url();
	const input = await typeQuickAdd(page, card);
	// The connection goes while the server saves; its answer still comes in (the test's runner
	// fetches it; the live events it sends meanwhile are lost with the connection).
	await page.route('**/*', async (route) => {
		if (route.request().method() !== 'POST') return route.fallback();
		await context.setOffline(true);
		await route.fulfill({ response: await route.fetch() });
	});
	await input.press('Enter');
	await expect(page.getByText(SAVED)).toBeVisible();
	// Not SvelteKit's own way, which follows the redirect with a full page load: the browser's
	// offline page.
	await expect(page).toHaveURL(at);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(BOARD);
	await page.unrouteAll();

	await goOnline(context, page);
	const dialog = await liveCard(page, card);
	await expect(page).toHaveURL(/\/cards\/\d+/);
	await archive(page, dialog);
});
