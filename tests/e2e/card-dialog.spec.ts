import { expect, test, type Page } from '@playwright/test';
import { openBoardNamed, signedInPage, signIn } from './helpers';

// The card dialog: @mentions completed from the keyboard, and the comments and reports forms,
// which answer at routes of their own, still working without JavaScript. Its box on a phone and
// a desktop, its close button and axe, for every role, are in a11y/pages.spec.ts.

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const MENTION_CARD = 'Letnia akademia edukacji pozaformalnej dla młodzieży';
const SHARED_CARD = 'Szkoła Liderów Samorządów Uczniowskich';

async function openCard(page: Page, title: string) {
	await openBoardNamed(page, BOARD);
	await page.getByRole('link', { name: title }).click();
	const dialog = page.getByRole('dialog', { name: title });
	await expect(dialog).toBeVisible();
	return dialog;
}

test('typing @ offers the people who see the card; arrows and Enter insert a mention, who is notified', async ({
	browser
}) => {
	const staff = await signedInPage(browser, 'wydzial@torun.example');
	const dialog = await openCard(staff, MENTION_CARD);
	const box = dialog.getByLabel('Nowy komentarz');
	const list = dialog.getByRole('listbox', { name: 'Osoby, które widzą tę kartę' });

	await box.focus();
	await staff.keyboard.type('Proszę o zdanie, @');
	await expect(list).toBeVisible();
	const options = list.getByRole('option');
	expect(await options.count()).toBeGreaterThan(1);
	// The county's staff member does not see this department's card: she is not offered.
	await expect(list.getByRole('option', { name: /Ewa Kamińska/ })).toHaveCount(0);

	// Arrows move the choice (the text box keeps the focus and points at it), wrapping round.
	await expect(options.first()).toHaveAttribute('aria-selected', 'true');
	await expect(box).toHaveAttribute(
		'aria-activedescendant',
		(await options.first().getAttribute('id'))!
	);
	await staff.keyboard.press('ArrowDown');
	await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
	await expect(box).toHaveAttribute(
		'aria-activedescendant',
		(await options.nth(1).getAttribute('id'))!
	);
	await staff.keyboard.press('ArrowUp');
	await staff.keyboard.press('ArrowUp');
	await expect(options.last()).toHaveAttribute('aria-selected', 'true');
	await expect(box).toBeFocused();

	// A few letters filter the list, diacritics or not; Enter inserts the one chosen.
	await staff.keyboard.type('tom');
	await expect(options).toHaveCount(1);
	await expect(options.first()).toHaveText(/Tomasz Lewandowski/);
	await staff.keyboard.press('ArrowDown');
	await staff.keyboard.press('Enter');
	await expect(list).toHaveCount(0);
	await expect(box).toHaveValue(/^Proszę o zdanie, @\[Tomasz Lewandowski\]\(user:\d+\) $/);

	// Nobody who may not see the card, whatever is typed; Escape closes the list, not the card.
	await staff.keyboard.type('i @kami');
	await expect(list).toHaveCount(0);
	await expect(
		dialog.getByRole('status').filter({ hasText: 'nie pasuje do „kami”' })
	).toBeAttached();
	await staff.keyboard.press('Backspace');
	await staff.keyboard.press('Backspace');
	await staff.keyboard.press('Backspace');
	await staff.keyboard.press('Backspace');
	await expect(list).toBeVisible();
	await staff.keyboard.press('Escape');
	await expect(list).toHaveCount(0);
	await expect(dialog).toBeVisible();
	await staff.keyboard.press('Backspace');
	await staff.keyboard.type('dziękuję.');

	await dialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	await expect(box).toHaveValue('');
	const comment = dialog.locator('[data-comment-id]').filter({ hasText: 'Proszę o zdanie' });
	await expect(comment.getByText('@Tomasz Lewandowski')).toBeVisible();
	await expect(comment).toContainText('dziękuję.');

	// The person mentioned is told, with a link to the card.
	const partner = await signedInPage(browser, 'ngo@torun.example');
	await partner.goto('/notifications');
	const notification = partner
		.getByTestId('notification')
		.filter({ hasText: 'Magdalena Zielińska wspomniał(a) o Tobie w komentarzu' })
		.filter({ has: partner.getByRole('link', { name: MENTION_CARD }) });
	await expect(notification).toHaveCount(1);
});

test('the mention button opens the same list, and a click picks a person', async ({ browser }) => {
	const staff = await signedInPage(browser, 'wydzial@torun.example');
	const dialog = await openCard(staff, MENTION_CARD);
	const box = dialog.getByLabel('Nowy komentarz');
	await box.fill('Do wiadomości');
	await dialog.getByRole('button', { name: 'Wspomnij osobę' }).click();
	await expect(box).toHaveValue('Do wiadomości @');
	await expect(box).toBeFocused();
	await staff.keyboard.type('lew');
	await dialog.getByRole('option', { name: /Tomasz Lewandowski/ }).click();
	await expect(box).toHaveValue(/^Do wiadomości @\[Tomasz Lewandowski\]\(user:\d+\) $/);
	await expect(box).toBeFocused();
});

test('without JavaScript, a comment and a report come back to the card with their answer', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, 'ngo@torun.example');
	await openBoardNamed(page, BOARD);
	await page.getByRole('link', { name: SHARED_CARD }).click();
	let dialog = page.getByRole('dialog', { name: SHARED_CARD });
	await expect(dialog).toBeVisible();

	const text = 'Bez skryptów: lista uczestników gotowa.';
	await dialog.getByLabel('Nowy komentarz').fill(text);
	await dialog.getByRole('button', { name: 'Wyślij komentarz' }).click();
	await expect(page).toHaveURL(/\/cards\/\d+\/comments\?\/add$/);
	dialog = page.getByRole('dialog', { name: SHARED_CARD });
	await expect(dialog.locator('[data-comment-id]').filter({ hasText: text })).toBeVisible();

	// A report refused: the card again, the form open with what was typed and why.
	await dialog.locator('summary', { hasText: 'Dodaj raport z działania' }).click();
	let report = dialog.locator('form[action$="/reports?/save"]').last();
	await report.getByLabel(/^Od/).fill('2026-10-01');
	await report.getByRole('textbox', { name: 'Do', exact: true }).fill('2026-10-31');
	await report.getByLabel(/^Co zostało zrobione/).fill('Warsztaty bez skryptów.');
	await report.getByLabel('Liczba uczestników / odbiorców').fill('-5');
	await report.getByRole('button', { name: 'Zapisz szkic' }).click();
	await expect(page).toHaveURL(/\/cards\/\d+\/reports\?\/save$/);
	dialog = page.getByRole('dialog', { name: SHARED_CARD });
	report = dialog.locator('form[action$="/reports?/save"]').last();
	await expect(report.getByText('Wartość musi wynosić co najmniej 0.')).toBeVisible();
	await expect(report.getByLabel(/^Co zostało zrobione/)).toHaveValue('Warsztaty bez skryptów.');

	await report.getByLabel('Liczba uczestników / odbiorców').fill('12');
	await report.getByRole('button', { name: 'Zapisz szkic' }).click();
	dialog = page.getByRole('dialog', { name: SHARED_CARD });
	await expect(dialog.getByText('Zapisano szkic raportu.')).toBeVisible();
	await expect(
		dialog.locator('[data-report-id]').filter({ hasText: 'Warsztaty bez skryptów.' })
	).toContainText('szkic');

	// Reloaded by address, the route leads back to the card itself.
	await page.goto(page.url().replace(/\/reports\?.*$/, '/reports'));
	await expect(page).toHaveURL(/\/cards\/\d+$/);
	await context.close();
});

test('the description and a comment being written show a preview, as they will be shown, from the keyboard too', async ({
	browser
}) => {
	const staff = await signedInPage(browser, 'wydzial@torun.example');
	const dialog = await openCard(staff, SHARED_CARD);
	await dialog.getByText('Edytuj kartę').click();
	const description = dialog.getByRole('textbox', { name: 'Opis', exact: true });
	await description.fill('## Plan\n\n**Warsztaty** <script>alert(1)</script>');
	const tabs = dialog.getByRole('tablist', { name: 'Opis: pisanie lub podgląd' });
	await tabs.getByRole('tab', { name: 'Podgląd' }).click();
	const preview = dialog.getByRole('tabpanel', { name: 'Podgląd' });
	// Rendered and sanitised by the server's renderer: a heading under the card's, no script.
	await expect(preview.locator('h3')).toHaveText('Plan');
	await expect(preview.locator('strong')).toHaveText('Warsztaty');
	await expect(preview.locator('script')).toHaveCount(0);
	await expect(description).toBeHidden();
	// The arrow keys move between the tabs; the text written is kept.
	await tabs.getByRole('tab', { name: 'Podgląd' }).focus();
	await staff.keyboard.press('ArrowLeft');
	await expect(tabs.getByRole('tab', { name: 'Pisz' })).toHaveAttribute('aria-selected', 'true');
	await expect(description).toHaveValue(/^## Plan/);

	const comment = dialog.getByLabel('Nowy komentarz');
	await comment.fill('Dzięki, *świetnie*!');
	const commentTabs = dialog.getByRole('tablist', { name: 'Komentarz: pisanie lub podgląd' });
	await commentTabs.getByRole('tab', { name: 'Pisz' }).focus();
	await staff.keyboard.press('ArrowRight');
	await expect(dialog.locator('.markdown-tabs em', { hasText: 'świetnie' })).toBeVisible();
	await staff.context().close();
});
