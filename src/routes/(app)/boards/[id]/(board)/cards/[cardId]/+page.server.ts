import { redirect } from '@sveltejs/kit';
import { attachmentRefSchema, coverSchema } from '$lib/schemas/attachments';
import { removeAttachment, setCover } from '$lib/server/attachments/service';
import { fileStore } from '$lib/server/files/store';
import { cardAssigneesSchema, cardOrganizationsSchema } from '$lib/schemas/card-people';
import { updateCardSchema, versionSchema } from '$lib/schemas/cards';
import { markdownPreviewSchema } from '$lib/schemas/markdown';
import { setAssignees, setOrganizations } from '$lib/server/cards/people';
import { previewOnCard } from '$lib/server/cards/preview';
import { setArchived, updateCard } from '$lib/server/cards/service';
import { db } from '$lib/server/db/app';
import { idOr404, formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { cardOf, loadCardDialog } from './dialog.server';

// The card itself: its fields, archive and restore, its organisations and people. Comments and
// reports have routes of their own (./comments, ./reports).
export const load: PageServerLoad = (event) => loadCardDialog(event);

export const actions: Actions = {
	update: ({ request, params, locals }) =>
		formAction(request, updateCardSchema, async (input) => {
			await updateCard(db(), requireUser(locals), await cardOf(params), input);
			return { saved: true };
		}),
	archive: ({ request, params, locals }) =>
		formAction(request, versionSchema, async ({ version }) => {
			await setArchived(db(), requireUser(locals), await cardOf(params), {
				version,
				archived: true
			});
			redirect(303, `/boards/${idOr404(params.id)}?archived_card=1`);
		}),
	restore: ({ request, params, locals }) =>
		formAction(request, versionSchema, async ({ version }) => {
			await setArchived(db(), requireUser(locals), await cardOf(params), {
				version,
				archived: false
			});
			return { restored: true };
		}),
	// The card's organisations and people (src/lib/components/card/People.svelte).
	organizations: ({ request, params, locals }) =>
		formAction(request, cardOrganizationsSchema, async (input) => {
			await setOrganizations(db(), requireUser(locals), await cardOf(params), input);
			return { people: 'organizations' as const, done: true };
		}),
	assignees: ({ request, params, locals }) =>
		formAction(request, cardAssigneesSchema, async (input) => {
			await setAssignees(db(), requireUser(locals), await cardOf(params), input);
			return { people: 'assignees' as const, done: true };
		}),
	// The card's files (src/lib/components/card/Attachments.svelte); uploads go to ./attachments.
	removeAttachment: ({ request, params, locals }) =>
		formAction(request, attachmentRefSchema, async ({ attachmentId }) => {
			const cardId = await cardOf(params);
			await removeAttachment(db(), fileStore(), requireUser(locals), cardId, attachmentId);
			return { attachment: 'removed' as const };
		}),
	cover: ({ request, params, locals }) =>
		formAction(request, coverSchema, async ({ attachmentId }) => {
			await setCover(db(), requireUser(locals), await cardOf(params), attachmentId);
			return { attachment: 'cover' as const };
		}),
	// The description or a comment being written, rendered as it will be shown (writes nothing).
	preview: ({ request, params, locals }) =>
		formAction(request, markdownPreviewSchema, async (input) => ({
			preview: await previewOnCard(db(), requireUser(locals), await cardOf(params), input)
		}))
};
