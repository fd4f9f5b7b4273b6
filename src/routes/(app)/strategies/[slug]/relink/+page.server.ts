import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/redirect';
import { relinkSchema } from '$lib/schemas/editions';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { previewRelink, relink } from '$lib/server/editions/service';
import { formAction, handleDomain } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// Re-linking the superseded edition's boards and cards to this (the current) edition: a preview,
// then one confirm. Editors only; anyone else, and an edition that supersedes nothing, get 404.

export const load: PageServerLoad = async ({ params, locals }) => ({
	preview: await handleDomain(() => previewRelink(db(), requireUser(locals), params.slug))
});

export const actions: Actions = {
	// A refusal (a stale preview) answers 409 with its message; the page then loads the fresh preview.
	confirm: ({ request, params, locals }) =>
		formAction(request, relinkSchema, async (input) => {
			const done = await relink(db(), requireUser(locals), params.slug, input);
			const query = new URLSearchParams({
				relinked: String(done.relinked),
				unlinked: String(done.unlinked),
				boards: String(done.boards)
			});
			redirect(303, safeRedirect(`/strategies/${encodeURIComponent(params.slug)}?${query}`));
		})
};
