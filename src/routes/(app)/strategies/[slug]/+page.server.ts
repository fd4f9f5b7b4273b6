import { error, redirect } from '@sveltejs/kit';
import { buildTree, nextChildCode } from '$lib/domain/goal-tree';
import { goalFormSchema } from '$lib/schemas/goals';
import { can, loadViewer } from '$lib/server/auth/policy';
import { db } from '$lib/server/db/app';
import { editionMapping } from '$lib/server/editions/mapping';
import { relinkCounts } from '$lib/server/editions/service';
import { findStrategyBySlug, listGoalsOfStrategy } from '$lib/server/goals/repository';
import { progressOfStrategy } from '$lib/server/goals/progress';
import { createGoal } from '$lib/server/goals/service';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ depends, params, locals, url }) => {
	// Reloaded when a card of the strategy's boards changes (src/lib/components/goal/live.ts).
	depends('app:progress');
	const strategy = await findStrategyBySlug(db(), params.slug);
	if (!strategy) error(404);
	const goals = await listGoalsOfStrategy(db(), strategy.id);
	const viewer = await loadViewer(db(), requireUser(locals));
	const progress = await progressOfStrategy(db(), viewer, strategy.id, goals);
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
	const canEdit = can.editStrategy(requireUser(locals));
	const [mapping, relink] = await Promise.all([
		editionMapping(db(), strategy.id),
		// The re-link is offered on the later edition only, to editors, when there is work to move.
		canEdit ? relinkCounts(db(), strategy) : { boards: 0, cards: 0 }
	]);
	return {
		strategy,
		// Only what the tree shows: the rows' cardCount counts hidden cards too, so it stays here.
		tree: buildTree(
			goals.map((g) => ({
				id: g.id,
				parentId: g.parentId,
				level: g.level,
				code: g.code,
				title: g.title,
				position: g.position,
				progress: progress.get(g.id)
			}))
		),
		supersedes,
		supersededBy,
		mapping,
		relink,
		expanded: url.searchParams.get('expand') === 'all',
		canEdit,
		canReport: can.seeEverything(requireUser(locals)),
		visibleOnly: !can.seeEverything(viewer),
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
