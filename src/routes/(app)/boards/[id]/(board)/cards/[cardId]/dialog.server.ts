import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { cardOnBoard } from '$lib/server/cards/service';
import { db } from '$lib/server/db/app';
import { env } from '$lib/server/env';
import { handleDomain, idOr404 } from '$lib/server/http';
import { cardDialog } from '$lib/server/pages/card-dialog';

// What the card's page and its comments and reports routes share: the dialog's data, and the
// card their URL names. The comments and reports routes have their own form actions, so that
// each form's answer comes back to the component that sent it; a post without JavaScript comes
// back to the same dialog, shown at the route that answered it.

type CardParams = { id: string; cardId: string };

export async function loadCardDialog(event: {
	params: CardParams;
	locals: App.Locals;
	depends: (...deps: `${string}:${string}`[]) => void;
}) {
	// Reloaded when the card changes or is commented on (its real-time room says so).
	event.depends('app:card');
	const boardId = idOr404(event.params.id);
	const cardId = idOr404(event.params.cardId);
	const user = requireUser(event.locals);
	const data = await handleDomain(() => cardDialog(db(), user, boardId, cardId));
	return { ...data, userId: user.id, maxUploadMb: env().MAX_UPLOAD_MB };
}

/**
 * The dialog behind a comments or reports route: after a post without JavaScript, the card
 * with that form's answer; a visit (a reload, a typed address) goes to the card itself.
 */
export function loadAfterPost(event: Parameters<typeof loadCardDialog>[0] & { request: Request }) {
	if (event.request.method !== 'POST')
		redirect(303, `/boards/${event.params.id}/cards/${event.params.cardId}`);
	return loadCardDialog(event);
}

/** The card of the URL, refused (404) when the URL names another board than the card's. */
export const cardOf = (params: CardParams) =>
	handleDomain(() => cardOnBoard(db(), idOr404(params.cardId), idOr404(params.id)));
