import { db } from '$lib/server/db/app';
import { boardPage } from '$lib/server/pages/board';
import { handleDomain, idOr404 } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// The board stays on screen behind an open card, so it is the layout's data: opening and closing
// a card reloads only the card.
export const load: LayoutServerLoad = async ({ params, locals, url, depends }) => {
	const boardId = idOr404(params.id);
	// Reloaded when the real-time server says the board changed.
	depends('app:board');
	// With the newest event's id, read before the cards: events after it are applied live or
	// caught up over HTTP.
	return handleDomain(() => boardPage(db(), requireUser(locals), boardId, url.searchParams));
};
