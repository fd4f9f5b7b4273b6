import { redirect } from '@sveltejs/kit';
import { openCycleSchema } from '$lib/schemas/cycles';
import { requireUser } from '$lib/server/auth/guard';
import { listCycles, openCycle } from '$lib/server/cycles/service';
import { db } from '$lib/server/db/app';
import { formAction, handleDomain } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) =>
	handleDomain(() => listCycles(db(), requireUser(locals), params.slug));

export const actions: Actions = {
	open: ({ request, locals, params }) =>
		formAction(request, openCycleSchema, async (input) => {
			const cycle = await openCycle(db(), requireUser(locals), params.slug, input);
			redirect(303, `/strategies/${params.slug}/cycles/${cycle.id}`);
		})
};
