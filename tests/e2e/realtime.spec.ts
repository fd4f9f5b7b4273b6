import { expect, test } from '@playwright/test';
import { openBoardNamed, signedInPage, signIn } from './helpers';

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026';

test('a move by department staff appears on the NGO partner’s open board without a reload', async ({
	browser
}) => {
	const partner = await signedInPage(browser, 'ngo@torun.example');
	await openBoardNamed(partner, BOARD);
	const column = (name: string) => partner.getByRole('region', { name, exact: true });
	await expect(column('W realizacji').getByRole('listitem', { name: CARD })).toBeVisible();
	// Nothing below reloads the partner's page: a reload would reset this marker.
	await partner.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));

	const staff = await signedInPage(browser, 'wydzial@torun.example');
	await openBoardNamed(staff, BOARD);
	await staff.getByRole('link', { name: CARD }).click();
	const dialog = staff.getByRole('dialog', { name: CARD });
	await dialog.getByLabel('Przenieś do…').selectOption({ label: 'Zrealizowane: na początek' });
	await dialog.getByRole('button', { name: 'Przenieś', exact: true }).click();
	await expect(dialog.getByText('Przeniesiono kartę.')).toBeVisible();

	await expect(column('Zrealizowane').getByRole('listitem', { name: CARD })).toBeVisible();
	await expect(column('W realizacji').getByRole('listitem', { name: CARD })).toHaveCount(0);
	expect(await partner.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
		true
	);
});

const SHARED_CARD = 'Szkoła Liderów Samorządów Uczniowskich';
/** The bell's name for a count, in the Polish plural the count takes. */
const unreadName = (count: number) => {
	const few = count % 10 >= 2 && count % 10 <= 4 && (count % 100 < 12 || count % 100 > 14);
	return `Powiadomienia: ${count} ${count === 1 || few ? 'nieprzeczytane' : 'nieprzeczytanych'}`;
};

test('a comment with a mention reaches the partner live, with a notification, and both see each other', async ({
	browser
}) => {
	const partner = await signedInPage(browser, 'ngo@torun.example');
	await openBoardNamed(partner, BOARD);
	await partner.getByRole('link', { name: SHARED_CARD }).click();
	const partnerDialog = partner.getByRole('dialog', { name: SHARED_CARD });
	await expect(partnerDialog.getByRole('heading', { name: /^Komentarze/ })).toBeVisible();
	const bell = partner.getByTestId('bell');
	// Cards due soon may have notified the partner already: the mention adds one.
	const unread = Number((await bell.getAttribute('aria-label'))!.match(/\d+/)![0]);
	await partner.evaluate(() => ((window as unknown as { marker: boolean }).marker = true));

	const staff = await signedInPage(browser, 'wydzial@torun.example');
	await openBoardNamed(staff, BOARD);
	await staff.getByRole('link', { name: SHARED_CARD }).click();
	const staffDialog = staff.getByRole('dialog', { name: SHARED_CARD });

	// Presence: each sees both people at the card (and on the board behind it).
	for (const dialog of [partnerDialog, staffDialog]) {
		const here = dialog.getByRole('list', { name: 'Przy tej karcie teraz' });
		await expect(here.getByText('Tomasz Lewandowski')).toBeAttached();
		await expect(here.getByText('Magdalena Zielińska')).toBeAttached();
	}
	const onBoard = partner.getByRole('list', { name: 'Na tablicy teraz' });
	await expect(onBoard.getByText('Magdalena Zielińska')).toBeAttached();

	// The staff member mentions the partner in a Markdown comment.
	await staffDialog.getByLabel('Nowy komentarz').fill('**Termin** przesunięty, ');
	await staffDialog.getByLabel('Nowy komentarz').press('End');
	await staffDialog.getByLabel('Nowy komentarz').pressSequentially('@Tomasz');
	await staffDialog.getByRole('option', { name: /Tomasz Lewandowski/ }).click();
	await staffDialog.getByLabel('Nowy komentarz').pressSequentially('proszę o potwierdzenie.');
	await staffDialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	await expect(staffDialog.getByLabel('Nowy komentarz')).toHaveValue('');

	// The partner sees it live, rendered, with the mention, and the bell counts it.
	const comment = partnerDialog.locator('[data-comment-id]').last();
	await expect(comment.locator('strong', { hasText: 'Termin' })).toBeVisible();
	await expect(comment.getByText('@Tomasz Lewandowski')).toBeVisible();
	await expect(bell).toHaveAccessibleName(unreadName(unread + 1));
	expect(await partner.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(
		true
	);

	// The notification leads to the card and is marked read.
	await partner.goto('/notifications');
	const notification = partner.getByTestId('notification').first();
	await expect(notification).toContainText('Magdalena Zielińska wspomniał(a) o Tobie w komentarzu');
	await expect(notification.getByRole('link', { name: SHARED_CARD })).toBeVisible();
	await notification.getByRole('button', { name: /Oznacz jako przeczytane/ }).click();
	await expect(bell).toHaveAccessibleName(unreadName(unread));
});

test('a comment draft survives a dropped connection, and a change made offline is refused', async ({
	browser
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'wydzial@torun.example');
	await openBoardNamed(page, BOARD);
	await page.getByRole('link', { name: SHARED_CARD }).click();
	const dialog = page.getByRole('dialog', { name: SHARED_CARD });
	await dialog.getByLabel('Nowy komentarz').fill('Szkic, który nie może zginąć');

	await context.setOffline(true);
	await expect(page.getByText('Brak połączenia na żywo — łączę ponownie…')).toBeVisible({
		timeout: 15_000
	});
	await dialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	await expect(dialog.getByText(/^Brak połączenia — nic nie zapisano\./)).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText('Brak połączenia na żywo — łączę ponownie…')).toBeHidden({
		timeout: 15_000
	});
	await expect(dialog.getByLabel('Nowy komentarz')).toHaveValue('Szkic, który nie może zginąć');
	await dialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	await expect(dialog.getByText('Szkic, który nie może zginąć')).toBeVisible();
	await expect(dialog.getByLabel('Nowy komentarz')).toHaveValue('');
});

test('a card that stops being visible leaves the partner’s open board and dialog at once', async ({
	browser
}) => {
	const card = 'Program wyrównawczy „Równy start” w szkołach podstawowych';
	const partner = await signedInPage(browser, 'ngo@torun.example');
	await openBoardNamed(partner, BOARD);
	await partner.getByRole('link', { name: card }).click();
	await expect(partner.getByRole('dialog', { name: card })).toBeVisible();

	const staff = await signedInPage(browser, 'wydzial@torun.example');
	await openBoardNamed(staff, BOARD);
	await staff.getByRole('link', { name: card }).click();
	const dialog = staff.getByRole('dialog', { name: card });
	await dialog.getByText('Zmień organizacje karty').click();
	await dialog
		.locator('form[action$="?/organizations"]')
		.getByRole('checkbox', { name: 'Fundacja Edukacji Pozaformalnej (przykład)' })
		.uncheck();
	await dialog.getByRole('button', { name: 'Zapisz organizacje' }).click();
	await expect(dialog.getByText('Zapisano organizacje karty.')).toBeVisible();

	// The partner's dialog gives way to a note, and the board no longer lists the card.
	await expect(
		partner.getByRole('alert').filter({ hasText: 'nie jest już dla Ciebie widoczna' })
	).toBeVisible();
	await expect(partner.getByRole('link', { name: card })).toHaveCount(0);
});

// Closing a card is a navigation back to the board. A change to the card heard meanwhile (here
// someone's comment; in the archive case this person's own change) used to reload the card on top
// of it, and SvelteKit then dropped the navigation: the card stayed open. The board's data is held
// on its way, so the change is surely heard while the navigation is under way.
test('a change heard while the card is being closed does not keep it open', async ({ browser }) => {
	const staff = await signedInPage(browser, 'wydzial@torun.example');
	const heard: string[] = [];
	staff.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => heard.push(`${payload}`)));
	await openBoardNamed(staff, BOARD);
	await staff.getByRole('link', { name: SHARED_CARD }).click();
	const dialog = staff.getByRole('dialog', { name: SHARED_CARD });
	// Live at the card: its room is joined.
	const here = dialog.getByRole('list', { name: 'Przy tej karcie teraz' });
	await expect(here.getByText('Magdalena Zielińska')).toBeAttached();

	let release = () => {};
	const held = new Promise<void>((done) => (release = done));
	let asked = () => {};
	const boardAsked = new Promise<void>((done) => (asked = done));
	await staff.route(/\/boards\/\d+\/__data\.json/, async (route) => {
		asked();
		await held;
		await route.continue();
	});
	await dialog.getByRole('link', { name: 'Zamknij' }).click();
	await boardAsked;

	const other = await signedInPage(browser, 'koordynator@torun.example');
	await openBoardNamed(other, BOARD);
	await other.getByRole('link', { name: SHARED_CARD }).click();
	const otherDialog = other.getByRole('dialog', { name: SHARED_CARD });
	const comment = 'Komentarz w trakcie zamykania karty.';
	const before = heard.length;
	await otherDialog.getByLabel('Nowy komentarz').fill(comment);
	await otherDialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	await expect(otherDialog.getByText(comment)).toBeVisible();
	await expect.poll(() => heard.slice(before).some((f) => f.includes('comment.'))).toBe(true);
	// Let the page act on what it heard before the board's data comes.
	await staff.waitForTimeout(500);
	release();

	await expect(staff).toHaveURL(/\/boards\/\d+$/);
	await expect(staff.getByRole('dialog')).toHaveCount(0);
	await expect(staff.getByRole('link', { name: SHARED_CARD })).toBeVisible();
	await other.context().close();
});
