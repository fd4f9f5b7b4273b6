import { reportRefSchema, reportSaveSchema, reviewSchema } from '$lib/schemas/monitoring';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { reviewReport, saveReport, submitReport } from '$lib/server/reports/service';
import { cardOf, loadAfterPost } from '../dialog.server';
import type { Actions, PageServerLoad } from './$types';

// A card's activity reports (src/lib/components/card/Reports.svelte and ReportForm.svelte).
export const load: PageServerLoad = (event) => loadAfterPost(event);

export const actions: Actions = {
	save: ({ request, params, locals }) =>
		formAction(request, reportSaveSchema, async ({ reportId, version, ...input }) => {
			const existing = reportId ? { reportId, version: version ?? 0 } : undefined;
			await saveReport(db(), requireUser(locals), await cardOf(params), input, existing);
			return { report: 'saved' as const };
		}),
	submit: ({ request, params, locals }) =>
		formAction(request, reportRefSchema, async (ref) => {
			await submitReport(db(), requireUser(locals), await cardOf(params), ref);
			return { report: 'submitted' as const };
		}),
	review: ({ request, params, locals }) =>
		formAction(request, reviewSchema, async (input) => {
			await reviewReport(db(), requireUser(locals), await cardOf(params), input);
			return {
				report: input.decision === 'accept' ? ('accepted' as const) : ('returned' as const)
			};
		})
};
