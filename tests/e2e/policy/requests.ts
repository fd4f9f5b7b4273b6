import { expect, type APIRequestContext } from '@playwright/test';
import { getPage, postAction, type Observed } from './client';
import type { BoardAction, CardAction, Expected } from './oracle';
import type { World, WorldBoard, WorldCard } from './world';

// The requests of the matrix, one per page or action, and the check of their answers. Every
// change an allowed account makes names a stale version or an invalid field, so none is written.

/** The answer against the expectation; a 404 must not name what it hides. */
export function check(observed: Observed, expected: Expected, hidden: string) {
	expect(observed.status, observed.body.slice(0, 300)).toBe(expected.status);
	if (expected.status === 303) expect(observed.location).toMatch(/^\/login(\?|$)/);
	if (expected.code) expect(observed.code).toBe(expected.code);
	if (expected.field) expect(Object.keys(observed.errors ?? {})).toContain(expected.field);
	if (expected.status === 404) expect(observed.body).not.toContain(hidden);
}

/** A version the card is not at: an allowed change is refused with 409 and writes nothing. */
const staleVersion = (card: WorldCard) => String(card.version + 1000);

const CARD_FIELDS = {
	description: '',
	goalId: '',
	priority: 'normal',
	labels: '',
	startDate: '',
	dueDate: ''
};

export function boardRequest(
	ctx: APIRequestContext,
	baseURL: string,
	world: World,
	board: WorldBoard,
	action: BoardAction
): Promise<Observed> {
	switch (action) {
		case 'board page':
			return getPage(ctx, `/boards/${board.id}`);
		case 'settings page':
			return getPage(ctx, `/boards/${board.id}/settings`);
		case 'create': {
			// A column of another board: the one field a create of an allowed account fails on.
			const foreign = world.boards.find((b) => b.id !== board.id)!.columns[0]!;
			return postAction(ctx, baseURL, `/boards/${board.id}?/create`, {
				...CARD_FIELDS,
				title: 'Policy matrix: must not be saved',
				leadId: '',
				columnId: String(foreign.id)
			});
		}
		case 'settings add':
			return postAction(ctx, baseURL, `/boards/${board.id}/settings?/add`, {
				title: '',
				status: 'todo',
				wipLimit: ''
			});
	}
}

export function cardRequest(
	ctx: APIRequestContext,
	baseURL: string,
	board: WorldBoard,
	card: WorldCard,
	action: CardAction
): Promise<Observed> {
	const page = `/boards/${board.id}/cards/${card.id}`;
	const version = staleVersion(card);
	switch (action) {
		case 'card page':
			return getPage(ctx, page);
		case 'move': {
			const column = board.columns.find((c) => c.id !== card.columnId)!;
			return postAction(ctx, baseURL, `/boards/${board.id}?/move`, {
				cardId: String(card.id),
				columnId: String(column.id),
				afterId: '',
				version
			});
		}
		case 'update':
			return postAction(ctx, baseURL, `${page}?/update`, {
				...CARD_FIELDS,
				title: `${card.title} (policy matrix)`,
				version
			});
		case 'archive':
			return postAction(ctx, baseURL, `${page}?/archive`, { version });
		case 'restore':
			return postAction(ctx, baseURL, `${page}?/restore`, { version });
		case 'comment':
			return postAction(ctx, baseURL, `${page}/comments?/add`, {
				body: 'Polityka dostępu: @[Nikt](user:999999999)'
			});
	}
}
