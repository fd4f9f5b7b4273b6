import { commentRefSchema, editCommentSchema, newCommentSchema } from '$lib/schemas/comments';
import { requireUser } from '$lib/server/auth/guard';
import { addComment, deleteComment, editComment } from '$lib/server/comments/service';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { cardOf, loadAfterPost } from '../dialog.server';
import type { Actions, PageServerLoad } from './$types';

// A card's comments (src/lib/components/card/Comments.svelte).
export const load: PageServerLoad = (event) => loadAfterPost(event);

export const actions: Actions = {
	add: ({ request, params, locals }) =>
		formAction(request, newCommentSchema, async (input) => {
			const { id } = await addComment(db(), requireUser(locals), await cardOf(params), input);
			// The id, for the files the comment is sent with (they follow it to ../attachments).
			return { comment: 'added' as const, commentId: id };
		}),
	edit: ({ request, params, locals }) =>
		formAction(request, editCommentSchema, async (input) => {
			await editComment(db(), requireUser(locals), await cardOf(params), input);
			return { comment: 'edited' as const };
		}),
	delete: ({ request, params, locals }) =>
		formAction(request, commentRefSchema, async ({ commentId }) => {
			await deleteComment(db(), requireUser(locals), await cardOf(params), commentId);
			return { comment: 'deleted' as const };
		})
};
