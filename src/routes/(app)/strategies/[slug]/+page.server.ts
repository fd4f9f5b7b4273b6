import { error, redirect } from '@sveltejs/kit';
import { goalFormSchema } from '$lib/schemas/goals';
import { db } from '$lib/server/db/app';
import { strategyPage } from '$lib/server/pages/strategy';
import { findStrategyBySlug } from '$lib/server/goals/repository';
import { createGoal } from '$lib/server/goals/service';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ depends, params, locals, url }) => {
	// Reloaded when a card of the strategy's boards changes (src/lib/components/goal/live.ts).
	depends('app:progress');
	const page = await strategyPage(db(), requireUser(locals), params.slug);
	if (!page) error(404);
	return { ...page, expanded: url.searchParams.get('expand') === 'all' };
};

export const actions: Actions = {
	addGoal: ({ request, params, locals }) =>
		formAction(request, goalFormSchema, async (input) => {
			const strategy = await findStrategyBySlug(db(), params.slug);
			if (!strategy) error(404);
			const goal = await createGoal(
				db(),
				requireUser(locals),
				{ strategyId: strategy.id, parentId: null },
				input
			);
			redirect(303, `/goals/${goal.id}`);
		})
};
