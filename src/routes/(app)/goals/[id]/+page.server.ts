import { error, redirect } from '@sveltejs/kit';
import { ancestors, buildTree, childLevel, nextChildCode } from '$lib/domain/goal-tree';
import { recordId } from '$lib/schemas/common';
import { goalFormSchema, moveGoalSchema, outlineSchema } from '$lib/schemas/goals';
import { z } from '$lib/schemas/zod';
import { can, loadViewer } from '$lib/server/auth/policy';
import { db } from '$lib/server/db/app';
import { indicatorSchema, indicatorValueSchema } from '$lib/schemas/monitoring';
import { closedFiguresOfGoal } from '$lib/server/cycles/service';
import { addIndicatorValue, createIndicator, indicatorsOf } from '$lib/server/indicators/service';
import { listOrganizations } from '$lib/server/users/repository';
import { boardsForNewCard, listGoalCards, progressOfStrategy } from '$lib/server/goals/progress';
import * as repo from '$lib/server/goals/repository';
import * as goals from '$lib/server/goals/service';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

function goalId(raw: string): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0 || id > 2 ** 31 - 1) error(404);
	return id;
}

/** What the page shows of a goal row: not its cardCount, which counts hidden cards too. */
function pick<
	T extends { id: number; parentId: number | null; code: string | null; title: string }
>(g: T) {
	return { id: g.id, parentId: g.parentId, code: g.code, title: g.title };
}

export const load: PageServerLoad = async ({ depends, params, locals }) => {
	// Reloaded when a card of the strategy's boards changes (src/lib/components/goal/live.ts).
	depends('app:progress');
	const id = goalId(params.id);
	const goal = await repo.findGoal(db(), id);
	if (!goal) error(404);
	const actor = requireUser(locals);
	const [strategy, all, viewer] = await Promise.all([
		repo.findStrategyById(db(), goal.strategyId),
		repo.listGoalsOfStrategy(db(), goal.strategyId),
		loadViewer(db(), actor)
	]);
	if (!strategy) error(404);
	const canHaveIndicators = goal.level === 'operational' || goal.level === 'strategic';
	const [progress, cards, offeredBoards, mappings, indicators, organizations, closedCycles] =
		await Promise.all([
			progressOfStrategy(db(), viewer, goal.strategyId, all),
			listGoalCards(db(), viewer, id),
			boardsForNewCard(db(), actor, viewer, goal),
			repo.listMappings(db(), [id]),
			canHaveIndicators ? indicatorsOf(db(), [id]) : [],
			can.manageIndicators(actor) ? listOrganizations(db()) : [],
			goal.level === 'area' ? [] : closedFiguresOfGoal(db(), goal)
		]);
	const node = buildTree(all.filter((g) => g.id === id || g.parentId === id)).find(
		(n) => n.id === id
	);
	const children = (node?.children ?? []).map((c) => ({
		...pick(c),
		progress: progress.get(c.id)
	}));
	const level = childLevel(
		goal.level,
		all.some((g) => g.level === 'area')
	);
	const canEdit = can.editStrategy(actor);
	return {
		goal,
		// Every card, hidden ones too: told only to editors, who see everything anyway and need it
		// to know whether the goal may be removed.
		linkedCards: canEdit ? (all.find((g) => g.id === id)?.cardCount ?? 0) : 0,
		strategy: {
			id: strategy.id,
			slug: strategy.slug,
			title: strategy.title,
			owner: strategy.owner
		},
		chain: ancestors(all, id).map(pick),
		children,
		childLevel: level,
		suggestedCode: nextChildCode(
			goal.code,
			children.map((c) => c.code)
		),
		mappings,
		progress: progress.get(id),
		cards,
		boardsForNewCard: offeredBoards,
		visibleOnly: !can.seeEverything(viewer),
		canEdit,
		indicators,
		canHaveIndicators,
		canManageIndicators: can.manageIndicators(actor),
		// The figures kept at the close of the strategy's latest reporting cycles.
		closedCycles,
		organizations: organizations.map(({ id, name, shortName }) => ({ id, name, shortName }))
	};
};

// A row id like every other (digits, within int4): z.coerce took 2147483648, which the query refused.
const moveChildSchema = moveGoalSchema.extend({ childId: recordId });

export const actions: Actions = {
	indicator: ({ request, params, locals }) =>
		formAction(request, indicatorSchema, async (input) => {
			await createIndicator(db(), requireUser(locals), goalId(params.id), input);
			return { indicator: 'created' };
		}),
	indicatorValue: ({ request, locals }) =>
		formAction(request, indicatorValueSchema, async (input) => {
			await addIndicatorValue(db(), requireUser(locals), input);
			return { indicator: 'value' };
		}),
	update: ({ request, params, locals }) =>
		formAction(request, goalFormSchema, async (input) => {
			await goals.updateGoal(db(), requireUser(locals), goalId(params.id), input);
			return { updated: true };
		}),
	addChild: ({ request, params, locals }) =>
		formAction(request, goalFormSchema, async (input) => {
			const parentId = goalId(params.id);
			const parent = await repo.findGoal(db(), parentId);
			if (!parent) error(404);
			await goals.createGoal(
				db(),
				requireUser(locals),
				{ strategyId: parent.strategyId, parentId },
				input
			);
			return { added: true };
		}),
	move: ({ request, locals }) =>
		formAction(request, moveChildSchema, async ({ childId, direction }) => {
			await goals.moveGoal(db(), requireUser(locals), childId, direction);
			return { moved: childId };
		}),
	delete: ({ request, params, locals }) =>
		formAction(request, z.object({}), async () => {
			const goal = await goals.deleteGoal(db(), requireUser(locals), goalId(params.id));
			const parent = goal.parentId ? await repo.findGoal(db(), goal.parentId) : null;
			if (parent) redirect(303, `/goals/${parent.id}`);
			const strategy = await repo.findStrategyById(db(), goal.strategyId);
			redirect(303, `/strategies/${strategy?.slug ?? ''}`);
		}),
	preview: ({ request, params, locals }) =>
		formAction(request, outlineSchema, async ({ text }) => ({
			preview: await goals.previewOutline(db(), requireUser(locals), goalId(params.id), text),
			values: { text }
		})),
	import: ({ request, params, locals }) =>
		formAction(request, outlineSchema, async ({ text }) => {
			const created = await goals.importOutline(db(), requireUser(locals), goalId(params.id), text);
			return { imported: created.length };
		})
};
