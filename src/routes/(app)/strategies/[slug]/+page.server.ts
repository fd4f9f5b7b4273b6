import { error, redirect } from '@sveltejs/kit';
import { buildTree, nextChildCode } from '$lib/domain/goal-tree';
import { goalFormSchema } from '$lib/schemas/goals';
import { can } from '$lib/server/auth/policy';
import { db } from '$lib/server/db/app';
import { findStrategyBySlug, listGoalsOfStrategy } from '$lib/server/goals/repository';
import { createGoal } from '$lib/server/goals/service';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const strategy = await findStrategyBySlug(db(), params.slug);
	if (!strategy) error(404);
	const goals = await listGoalsOfStrategy(db(), strategy.id);
	const supersedes = strategy.supersedesId
		? await db()
				.selectFrom('strategy')
				.select(['slug', 'title'])
				.where('id', '=', strategy.supersedesId)
				.executeTakeFirst()
		: undefined;
	const supersededBy = await db()
		.selectFrom('strategy')
		.select(['slug', 'title'])
		.where('supersedesId', '=', strategy.id)
		.executeTakeFirst();
	const roots = goals.filter((g) => g.parentId === null);
	return {
		strategy,
		tree: buildTree(goals),
		supersedes,
		supersededBy,
		expanded: url.searchParams.get('expand') === 'all',
		canEdit: can.editStrategy(locals.user!),
		suggestedCode: nextChildCode(
			null,
			roots.map((g) => g.code)
		),
		rootsAreAreas: roots.some((g) => g.level === 'area')
	};
};

export const actions: Actions = {
	addGoal: ({ request, params, locals }) =>
		formAction(request, goalFormSchema, async (input) => {
			const strategy = await findStrategyBySlug(db(), params.slug);
			if (!strategy) error(404);
			const goal = await createGoal(
				db(),
				locals.user,
				{ strategyId: strategy.id, parentId: null },
				input
			);
			redirect(303, `/goals/${goal.id}`);
		})
};
