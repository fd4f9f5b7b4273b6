import { closeCycleSchema, parseCycleFilter } from '$lib/schemas/cycles';
import { requireUser } from '$lib/server/auth/guard';
import { closeCycle, cyclePage } from '$lib/server/cycles/service';
import { db } from '$lib/server/db/app';
import { formAction, handleDomain, idOr404 } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = idOr404(params.id);
	return handleDomain(() =>
		cyclePage(db(), requireUser(locals), params.slug, id, parseCycleFilter(url.searchParams))
	);
};

export const actions: Actions = {
	close: ({ request, locals, params }) =>
		formAction(request, closeCycleSchema, async () => {
			await closeCycle(db(), requireUser(locals), params.slug, idOr404(params.id));
			return { closed: true };
		})
};
