import { expect, test, type Page } from '@playwright/test';
import { openBoardNamed, signedInPage } from './helpers';
import { request, signInSession } from './security/http';
import { readData } from './security/resources';

// Someone else's move heard while a card is being dragged: the board used to take the server's
// lists at once, under the drag library, which then put its placeholder of the dragged card into
// a list that held the card again. The card was twice in its column and the board threw
// (`each_key_duplicate`). The drag's lists are now held until its move is saved.

const BOARD = 'Koordynacja Strategii Rozwoju Miasta Torunia 2028';
const STAFF = 'koordynator@torun.example';

type Rec = Record<string, unknown>;

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test('a card dragged while someone else moves another is on the board once', async ({
	browser,
	baseURL
}) => {
	const page = await signedInPage(browser, STAFF);
	// Tall enough for the whole first column, which earlier specs lengthen: the drag goes down it.
	await page.setViewportSize({ width: 1280, height: 1600 });
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	await openBoardNamed(page, BOARD);
	// Live: its script runs and its room is joined once it lists who is here.
	await expect(
		page.getByRole('list', { name: 'Na tablicy teraz' }).getByRole('listitem')
	).not.toHaveCount(0);
	const todo = column(page, 'Zaplanowane');
	const tiles = todo.locator('[data-card-id]');
	expect(await tiles.count()).toBeGreaterThanOrEqual(3);
	const order = await tiles.evaluateAll((els) => els.map((el) => el.getAttribute('data-card-id')!));
	const [draggedId, otherId] = [order[0]!, order.at(-1)!];
	// Dropped on the last but one: after it or before it, not after the moved card.
	const targetId = order.at(-2)!;
	const title = (await tiles.first().getAttribute('aria-label'))!;

	// The other person (here the same account in a session of its own) and what they see.
	const other = await signInSession(baseURL!, STAFF);
	const boards = (await readData(baseURL!, other, '/boards')).boards as Rec[];
	const boardId = boards.find((b) => b.title === BOARD)!.id as number;
	const board = await readData(baseURL!, other, `/boards/${boardId}`);
	const otherTile = (board.tiles as Rec[]).find((t) => t.id === Number(otherId))!;

	// The drag starts and goes over the next card.
	await tiles.first().scrollIntoViewIfNeeded();
	const from = (await tiles.first().boundingBox())!;
	const x = from.x + from.width / 2;
	await page.mouse.move(x, from.y + 15);
	await page.mouse.down();
	await page.mouse.move(x + 5, from.y + 25, { steps: 5 });
	await page.mouse.move(x, from.y + from.height + 20, { steps: 10 });
	await page.waitForTimeout(300);

	// Meanwhile the other person moves the column's last card to its top (the counts stay).
	const reloaded = page.waitForResponse((r) => r.url().includes('__data.json'));
	const answer = await request(baseURL!, other, `/boards/${boardId}?/move`, {
		cardId: otherId,
		columnId: String(otherTile.columnId),
		afterId: '',
		version: String(otherTile.version)
	});
	expect(answer.summary, answer.body).toBe('200');
	await reloaded;
	await page.waitForTimeout(300);

	// The drag goes on down the column, and the card is dropped there.
	const target = (await todo.locator(`[data-card-id="${targetId}"]`).boundingBox())!;
	await page.mouse.move(x, target.y + target.height / 2, { steps: 20 });
	await page.waitForTimeout(300);
	await page.mouse.move(x + 2, target.y + target.height / 2 + 2);
	await page.waitForTimeout(200);
	await page.mouse.up();
	await page.waitForTimeout(500);
	expect(errors).toEqual([]);
	await expect(page.getByText(`Przeniesiono „${title}” do kolumny Zaplanowane`)).toBeAttached();

	// Each card once; the other person's move shown once the drag is over; both saved.
	const near = (ids: string[]) => Math.abs(ids.indexOf(draggedId) - ids.indexOf(targetId)) === 1;
	await expect(tiles.first()).toHaveAttribute('data-card-id', otherId);
	const shown = await page
		.locator('.columns [data-card-id]')
		.evaluateAll((els) => els.map((el) => el.getAttribute('data-card-id')!));
	expect(shown.length).toBe(new Set(shown).size);
	expect(shown.filter((id) => id === draggedId)).toHaveLength(1);
	expect(errors).toEqual([]);
	await page.reload();
	await expect(tiles.first()).toHaveAttribute('data-card-id', otherId);
	expect(
		near(await tiles.evaluateAll((els) => els.map((el) => el.getAttribute('data-card-id')!)))
	).toBe(true);
	await page.context().close();
});
