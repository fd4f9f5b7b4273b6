import { redirect } from '@sveltejs/kit';
import { cardAssigneesSchema, cardOrganizationsSchema } from '$lib/schemas/card-people';
import { updateCardSchema, versionSchema } from '$lib/schemas/cards';
import { cardDialog } from '$lib/server/pages/card-dialog';
import { setAssignees, setOrganizations } from '$lib/server/cards/people';
import { cardOnBoard, setArchived, updateCard } from '$lib/server/cards/service';
import { commentRefSchema, editCommentSchema, newCommentSchema } from '$lib/schemas/comments';
import { addComment, deleteComment, editComment } from '$lib/server/comments/service';
import { db } from '$lib/server/db/app';
import { reportRefSchema, reportSaveSchema, reviewSchema } from '$lib/schemas/monitoring';
import { reviewReport, saveReport, submitReport } from '$lib/server/reports/service';
import { formAction, handleDomain, idOr404 } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ params, locals, depends }) => {
	// Reloaded when the card changes or is commented on (its real-time room says so).
	depends('app:card');
	const boardId = idOr404(params.id);
	const cardId = idOr404(params.cardId);
	const data = await handleDomain(() => cardDialog(db(), requireUser(locals), boardId, cardId));
	return { ...data, userId: requireUser(locals).id };
};

/** The card of the URL, refused (404) when the URL names another board than the card's. */
const cardOf = (params: { id: string; cardId: string }) =>
	handleDomain(() => cardOnBoard(db(), idOr404(params.cardId), idOr404(params.id)));

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
	// Comments (src/lib/components/card/Comments.svelte).
	comment: ({ request, params, locals }) =>
		formAction(request, newCommentSchema, async (input) => {
			await addComment(db(), requireUser(locals), await cardOf(params), input);
			return { comment: 'added' as const };
		}),
	editComment: ({ request, params, locals }) =>
		formAction(request, editCommentSchema, async (input) => {
			await editComment(db(), requireUser(locals), await cardOf(params), input);
			return { comment: 'edited' as const };
		}),
	// Activity reports (src/lib/components/card/Reports.svelte).
	reportSave: ({ request, params, locals }) =>
		formAction(request, reportSaveSchema, async ({ reportId, version, ...input }) => {
			const existing = reportId ? { reportId, version: version ?? 0 } : undefined;
			await saveReport(db(), requireUser(locals), await cardOf(params), input, existing);
			return { report: 'saved' as const };
		}),
	reportSubmit: ({ request, params, locals }) =>
		formAction(request, reportRefSchema, async (ref) => {
			await submitReport(db(), requireUser(locals), await cardOf(params), ref);
			return { report: 'submitted' as const };
		}),
	reportReview: ({ request, params, locals }) =>
		formAction(request, reviewSchema, async (input) => {
			await reviewReport(db(), requireUser(locals), await cardOf(params), input);
			return {
				report: input.decision === 'accept' ? ('accepted' as const) : ('returned' as const)
			};
		}),
	deleteComment: ({ request, params, locals }) =>
		formAction(request, commentRefSchema, async ({ commentId }) => {
			await deleteComment(db(), requireUser(locals), await cardOf(params), commentId);
			return { comment: 'deleted' as const };
		})
};
