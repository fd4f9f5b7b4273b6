import { redirect } from '@sveltejs/kit';
import { updateCardSchema, versionSchema } from '$lib/schemas/cards';
import { getCard, setArchived, updateCard } from '$lib/server/cards/service';
import { db } from '$lib/server/db/app';
import { formAction, handleDomain, idOr404 } from '$lib/server/http';
import { renderMarkdown } from '$lib/server/markdown';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const boardId = idOr404(params.id);
	const data = await handleDomain(() => getCard(db(), locals.user!, idOr404(params.cardId)));
	// A card is addressed through its own board only.
	if (data.card.boardId !== boardId) error(404, m.error_not_found());
	return { ...data, descriptionHtml: renderMarkdown(data.card.description) };
};

export const actions: Actions = {
	update: ({ request, params, locals }) =>
		formAction(request, updateCardSchema, async (input) => {
			await updateCard(db(), locals.user!, idOr404(params.cardId), input);
			return { saved: true };
		}),
	archive: ({ request, params, locals }) =>
		formAction(request, versionSchema, async ({ version }) => {
			await setArchived(db(), locals.user!, idOr404(params.cardId), { version, archived: true });
			redirect(303, `/boards/${idOr404(params.id)}?archived=1`);
		}),
	restore: ({ request, params, locals }) =>
		formAction(request, versionSchema, async ({ version }) => {
			await setArchived(db(), locals.user!, idOr404(params.cardId), { version, archived: false });
			return { restored: true };
		})
};
