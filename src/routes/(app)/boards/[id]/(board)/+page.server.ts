import { redirect } from '@sveltejs/kit';
import { createCardSchema, moveCardSchema } from '$lib/schemas/cards';
import { recordId } from '$lib/schemas/common';
import { z } from '$lib/schemas/zod';
import { createCard, moveCard } from '$lib/server/cards/service';
import { db } from '$lib/server/db/app';
import { formAction, idOr404 } from '$lib/server/http';
import type { Actions } from './$types';
import { requireUser } from '$lib/server/auth/guard';

const moveSchema = moveCardSchema.and(z.object({ cardId: recordId }));

// The board's own actions. The card dialog and the drag-and-drop post moves here too, so a move
// answers the same whichever control made it.
export const actions: Actions = {
	create: ({ request, params, locals }) =>
		formAction(request, createCardSchema, async (input) => {
			const boardId = idOr404(params.id);
			const card = await createCard(db(), requireUser(locals), boardId, input);
			redirect(303, `/boards/${boardId}/cards/${card.id}?created=1`);
		}),
	move: ({ request, locals }) =>
		formAction(request, moveSchema, async ({ cardId, ...input }) => {
			const moved = await moveCard(db(), requireUser(locals), cardId, input);
			return { moved: { id: moved.id, version: moved.version } };
		})
};
