import { parseOutline, type OutlinePreview } from '$lib/domain/outline';
import { childLevel, type GoalLevel } from '$lib/domain/goal-tree';
import type { GoalForm } from '$lib/schemas/goals';
import { requireStrategyEditor, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import * as repo from './repository';

// Editing the goal tree: the coordinator's work, since the source documents give the tasks of
// goal 1.1 only. Every change writes its event row in the same transaction.

async function goalOr404(db: Db, id: number) {
	const goal = await repo.findGoal(db, id);
	if (!goal) throw new NotFoundError();
	return goal;
}

async function levelForChild(db: Db, strategyId: number, parentLevel: GoalLevel | null) {
	const roots = await repo.listSiblings(db, strategyId, null);
	const hasAreas =
		roots.length === 0
			? (await repo.findStrategyById(db, strategyId))?.owner === 'city'
			: (await repo.findGoal(db, roots[0]!.id))?.level === 'area';
	const level = childLevel(parentLevel, hasAreas);
	if (!level) throw new ConflictError('goal_task_has_no_children');
	return level;
}

function requireCode(level: GoalLevel, code: string | null) {
	if (level !== 'area' && !code) throw new ValidationError('code', 'error_required');
}

async function requireFreeCode(db: Db, strategyId: number, code: string | null, exceptId?: number) {
	if (!code) return;
	const taken = await repo.findGoalByCode(db, strategyId, code);
	if (taken && taken.id !== exceptId)
		throw new ValidationError('code', 'goal_code_taken', { code });
}

/** Adds a goal under `parentId`, or at the top of the strategy when parentId is null. */
export async function createGoal(
	db: Db,
	actor: Actor,
	target: { strategyId: number; parentId: number | null },
	input: GoalForm
) {
	requireStrategyEditor(actor);
	const parent = target.parentId === null ? null : await goalOr404(db, target.parentId);
	const strategyId = parent?.strategyId ?? target.strategyId;
	if (!(await repo.findStrategyById(db, strategyId))) throw new NotFoundError();
	const level = await levelForChild(db, strategyId, parent?.level ?? null);
	requireCode(level, input.code);
	await requireFreeCode(db, strategyId, input.code);
	const siblings = await repo.listSiblings(db, strategyId, parent?.id ?? null);
	return db.transaction().execute(async (trx) => {
		const goal = await repo.insertGoal(trx, {
			strategyId,
			parentId: parent?.id ?? null,
			level,
			code: level === 'area' ? null : input.code,
			title: input.title,
			description: input.description,
			position: siblings.length
		});
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'goal.created',
			entityId: goal.id,
			payload: { strategyId, code: goal.code, title: goal.title, level }
		});
		return goal;
	});
}

export async function updateGoal(db: Db, actor: Actor, goalId: number, input: GoalForm) {
	requireStrategyEditor(actor);
	const goal = await goalOr404(db, goalId);
	requireCode(goal.level, input.code);
	await requireFreeCode(db, goal.strategyId, input.code, goal.id);
	await db.transaction().execute(async (trx) => {
		await repo.updateGoalFields(trx, goalId, {
			code: goal.level === 'area' ? null : input.code,
			title: input.title,
			description: input.description
		});
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'goal.updated',
			entityId: goalId,
			payload: {
				before: { code: goal.code, title: goal.title, description: goal.description },
				after: input
			}
		});
	});
}

/** Moves a goal one place up or down among its siblings. */
export async function moveGoal(db: Db, actor: Actor, goalId: number, direction: 'up' | 'down') {
	requireStrategyEditor(actor);
	const goal = await goalOr404(db, goalId);
	const siblings = await repo.listSiblings(db, goal.strategyId, goal.parentId);
	const from = siblings.findIndex((s) => s.id === goalId);
	const to = direction === 'up' ? from - 1 : from + 1;
	if (to < 0 || to >= siblings.length) return;
	const order = siblings.map((s) => s.id);
	[order[from], order[to]] = [order[to]!, order[from]!];
	await db.transaction().execute(async (trx) => {
		// Renumbering all siblings keeps positions dense even after earlier removals.
		for (const [position, id] of order.entries()) {
			await repo.setGoalPosition(trx, id, position);
		}
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'goal.moved',
			entityId: goalId,
			payload: { direction, from, to }
		});
	});
}

/** Removes a goal; refused while cards link to it or goals hang under it. */
export async function deleteGoal(db: Db, actor: Actor, goalId: number) {
	requireStrategyEditor(actor);
	const goal = await goalOr404(db, goalId);
	const linked = await repo.countLinked(db, goalId);
	if (linked.cards > 0) throw new ConflictError('goal_has_cards', { count: linked.cards });
	if (linked.children > 0) throw new ConflictError('goal_has_children', { count: linked.children });
	await db.transaction().execute(async (trx) => {
		await repo.deleteGoalWithMappings(trx, goalId);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'goal.deleted',
			entityId: goalId,
			payload: { strategyId: goal.strategyId, code: goal.code, title: goal.title }
		});
	});
	return goal;
}

/** What an outline pasted under a goal would create, and the lines it could not read. */
export async function previewOutline(
	db: Db,
	actor: Actor,
	parentId: number,
	text: string
): Promise<OutlinePreview> {
	requireStrategyEditor(actor);
	const parent = await goalOr404(db, parentId);
	await levelForChild(db, parent.strategyId, parent.level);
	const { items, problems } = parseOutline(text, parent.code ?? '');
	const taken = new Set(
		await repo.codesTaken(
			db,
			parent.strategyId,
			items.map((i) => i.code)
		)
	);
	return { items: items.map((i) => ({ ...i, taken: taken.has(i.code) })), problems };
}

/** Creates the readable items of an outline under a goal, all or nothing. */
export async function importOutline(db: Db, actor: Actor, parentId: number, text: string) {
	requireStrategyEditor(actor);
	const preview = await previewOutline(db, actor, parentId, text);
	if (preview.items.length === 0) throw new ValidationError('text', 'outline_nothing_to_import');
	const taken = preview.items.filter((i) => i.taken).map((i) => i.code);
	if (taken.length)
		throw new ValidationError('text', 'outline_codes_taken', { codes: taken.join(', ') });
	const parent = await goalOr404(db, parentId);
	const level = await levelForChild(db, parent.strategyId, parent.level);
	const start = (await repo.listSiblings(db, parent.strategyId, parent.id)).length;
	return db.transaction().execute(async (trx) => {
		const created = await repo.insertGoals(
			trx,
			preview.items.map((item, index) => ({
				strategyId: parent.strategyId,
				parentId: parent.id,
				level,
				code: item.code,
				title: item.title,
				position: start + index
			}))
		);
		for (const goal of created) {
			await recordEvent(trx, {
				actorId: actor.id,
				type: 'goal.created',
				entityId: goal.id,
				payload: {
					strategyId: parent.strategyId,
					code: goal.code,
					title: goal.title,
					level,
					source: 'outline'
				}
			});
		}
		return created;
	});
}
