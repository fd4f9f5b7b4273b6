import { sql, type Insertable } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';

const goalColumns = [
	'goal.id',
	'goal.strategyId',
	'goal.parentId',
	'goal.level',
	'goal.code',
	'goal.title',
	'goal.description',
	'goal.position'
] as const;

export function listStrategies(db: Db) {
	return db
		.selectFrom('strategy')
		.leftJoin('goal', 'goal.strategyId', 'strategy.id')
		.select([
			'strategy.id',
			'strategy.slug',
			'strategy.title',
			'strategy.owner',
			'strategy.status',
			'strategy.periodStart',
			'strategy.periodEnd',
			sql<number>`count(goal.id) filter (where goal.level = 'strategic')::int`.as('strategicCount'),
			sql<number>`count(goal.id) filter (where goal.level = 'operational')::int`.as(
				'operationalCount'
			),
			sql<number>`count(goal.id) filter (where goal.level = 'task')::int`.as('taskCount')
		])
		.groupBy('strategy.id')
		.orderBy(sql`case strategy.status when 'current' then 0 when 'draft' then 1 else 2 end`)
		.orderBy('strategy.owner')
		.orderBy('strategy.periodEnd', 'desc')
		.execute();
}

export function findStrategyBySlug(db: Db, slug: string) {
	return db.selectFrom('strategy').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findStrategyById(db: Db, id: number) {
	return db.selectFrom('strategy').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGoal(db: Db, id: number) {
	return db.selectFrom('goal').select(goalColumns).where('id', '=', id).executeTakeFirst();
}

/** The goal tree of a strategy and nothing more: what pickers and filters offer. */
export function listGoalOutline(db: Db, strategyId: number) {
	return db
		.selectFrom('goal')
		.select(['id', 'parentId', 'level', 'code', 'title', 'position'])
		.where('strategyId', '=', strategyId)
		.execute();
}

export type GoalOutline = readonly Readonly<Awaited<ReturnType<typeof listGoalOutline>>[number]>[];

/** Each database's outlines by strategy, with the outline version they were read at. */
const outlines = new WeakMap<Db, Map<number, { version: number; goals: Promise<GoalOutline> }>>();

/**
 * A strategy's outline as of `version` (its `strategy.outline_version`, read with the board):
 * from memory while the version stands, read again once triggers have moved it. Shared between
 * requests, so frozen. Read after the version, an outline is never older than it: at worst a
 * newer one is kept under the older version, until the next read sees the new version.
 */
export function cachedGoalOutline(db: Db, strategyId: number, version: number) {
	let byStrategy = outlines.get(db);
	if (!byStrategy) outlines.set(db, (byStrategy = new Map()));
	const cached = byStrategy.get(strategyId);
	if (cached?.version === version) return cached.goals;
	const goals = listGoalOutline(db, strategyId).then((rows): GoalOutline =>
		Object.freeze(rows.map((row) => Object.freeze(row)))
	);
	byStrategy.set(strategyId, { version, goals });
	// A failed read is not kept: the next page tries again.
	goals.catch(() => {
		if (byStrategy.get(strategyId)?.goals === goals) byStrategy.delete(strategyId);
	});
	return goals;
}

/** Every goal of a strategy with the number of cards linked to it (archived ones included). */
export function listGoalsOfStrategy(db: Db, strategyId: number) {
	return db
		.selectFrom('goal')
		.select(goalColumns)
		.select((eb) =>
			eb
				.selectFrom('card')
				.whereRef('card.goalId', '=', 'goal.id')
				.select(sql<number>`count(*)::int`.as('n'))
				.as('cardCount')
		)
		.where('goal.strategyId', '=', strategyId)
		.execute();
}

/** The goals of every current strategy, with its title: what "my work" filters by. */
export function listCurrentGoals(db: Db) {
	return db
		.selectFrom('goal')
		.innerJoin('strategy', 'strategy.id', 'goal.strategyId')
		.select(goalColumns)
		.select('strategy.title as strategyTitle')
		.where('strategy.status', '=', 'current')
		.orderBy('strategy.owner')
		.execute();
}

export function listSiblings(db: Db, strategyId: number, parentId: number | null) {
	return db
		.selectFrom('goal')
		.select(['id', 'code', 'position'])
		.where('strategyId', '=', strategyId)
		.where((eb) => (parentId === null ? eb('parentId', 'is', null) : eb('parentId', '=', parentId)))
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function codesTaken(db: Db, strategyId: number, codes: string[]) {
	if (codes.length === 0) return [];
	const rows = await db
		.selectFrom('goal')
		.select('code')
		.where('strategyId', '=', strategyId)
		.where('code', 'in', codes)
		.execute();
	return rows.map((r) => r.code as string);
}

export async function countLinked(db: Db, goalId: number) {
	const row = await db
		.selectFrom('goal')
		.select([
			(eb) =>
				eb
					.selectFrom('card')
					.whereRef('card.goalId', '=', 'goal.id')
					.select(sql<number>`count(*)::int`.as('n'))
					.as('cards'),
			(eb) =>
				eb
					.selectFrom('goal as child')
					.whereRef('child.parentId', '=', 'goal.id')
					.select(sql<number>`count(*)::int`.as('n'))
					.as('children')
		])
		.where('goal.id', '=', goalId)
		.executeTakeFirstOrThrow();
	return { cards: Number(row.cards ?? 0), children: Number(row.children ?? 0) };
}

export function listMappings(db: Db, goalIds: number[]) {
	if (goalIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('goalMapping')
		.innerJoin('goal as fromGoal', 'fromGoal.id', 'goalMapping.fromGoalId')
		.innerJoin('goal as toGoal', 'toGoal.id', 'goalMapping.toGoalId')
		.innerJoin('strategy as fromStrategy', 'fromStrategy.id', 'fromGoal.strategyId')
		.innerJoin('strategy as toStrategy', 'toStrategy.id', 'toGoal.strategyId')
		.select([
			'goalMapping.note',
			'fromGoal.id as fromId',
			'fromGoal.code as fromCode',
			'fromGoal.title as fromTitle',
			'fromStrategy.title as fromStrategyTitle',
			'toGoal.id as toId',
			'toGoal.code as toCode',
			'toGoal.title as toTitle',
			'toStrategy.title as toStrategyTitle'
		])
		.where((eb) =>
			eb.or([
				eb('goalMapping.fromGoalId', 'in', goalIds),
				eb('goalMapping.toGoalId', 'in', goalIds)
			])
		)
		.execute();
}

/** Another goal of the strategy with this code, if there is one. */
export function findGoalByCode(db: Db, strategyId: number, code: string) {
	return db
		.selectFrom('goal')
		.select('id')
		.where('strategyId', '=', strategyId)
		.where('code', '=', code)
		.executeTakeFirst();
}

export function insertGoal(db: Db, values: Insertable<Database['goal']>) {
	return db
		.insertInto('goal')
		.values(values)
		.returning(['id', 'code', 'title', 'level'])
		.executeTakeFirstOrThrow();
}

export function insertGoals(db: Db, values: Insertable<Database['goal']>[]) {
	return db.insertInto('goal').values(values).returning(['id', 'code', 'title']).execute();
}

export function updateGoalFields(
	db: Db,
	goalId: number,
	fields: { code: string | null; title: string; description: string | null }
) {
	return db.updateTable('goal').set(fields).where('id', '=', goalId).execute();
}

export function setGoalPosition(db: Db, goalId: number, position: number) {
	return db.updateTable('goal').set({ position }).where('id', '=', goalId).execute();
}

/** Removes a goal and the edition mappings naming it (three statements, mappings first). */
export async function deleteGoalWithMappings(db: Db, goalId: number) {
	await db.deleteFrom('goalMapping').where('fromGoalId', '=', goalId).execute();
	await db.deleteFrom('goalMapping').where('toGoalId', '=', goalId).execute();
	await db.deleteFrom('goal').where('id', '=', goalId).execute();
}

/** The edition a strategy supersedes: its slug and title. */
export function findStrategyLink(db: Db, id: number) {
	return db
		.selectFrom('strategy')
		.select(['slug', 'title'])
		.where('id', '=', id)
		.executeTakeFirst();
}

/** The edition that supersedes a strategy, if any: its slug and title. */
export function findSupersedingStrategy(db: Db, strategyId: number) {
	return db
		.selectFrom('strategy')
		.select(['slug', 'title'])
		.where('supersedesId', '=', strategyId)
		.executeTakeFirst();
}

// The goal tree meets the boards. Every count and list goes through visible.card, so a goal's
// progress never reveals a card its viewer may not open; cards of archived boards are left out.
