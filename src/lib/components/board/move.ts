import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

// A move sent from the board (drag and drop or the keyboard) to the board's `move` action: the
// same endpoint the "move to…" form posts to, so every control is checked the same way.

export interface MoveRequest {
	boardId: number;
	cardId: number;
	columnId: number;
	afterId: number | null;
	version: number;
	confirmWip?: boolean;
}

export async function postMove(move: MoveRequest): Promise<ActionResult> {
	const body = new FormData();
	body.set('cardId', String(move.cardId));
	body.set('columnId', String(move.columnId));
	body.set('afterId', move.afterId === null ? '' : String(move.afterId));
	body.set('version', String(move.version));
	if (move.confirmWip) body.set('confirmWip', 'true');
	const response = await fetch(`/boards/${move.boardId}?/move`, {
		method: 'POST',
		body,
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	return deserialize(await response.text());
}

/** The message of a refused move, and whether it is the WIP limit that a confirmation lifts. */
export function refusal(result: ActionResult): { message: string; wip: boolean } | null {
	if (result.type === 'failure') {
		const data = (result.data ?? {}) as { message?: string; code?: string };
		return { message: data.message ?? '', wip: data.code === 'card_wip_limit' };
	}
	if (result.type === 'error') return { message: String(result.error?.message ?? ''), wip: false };
	return null;
}
