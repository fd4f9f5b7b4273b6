import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

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

export function listStrategies(db: Executor) {
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

export function findStrategyBySlug(db: Executor, slug: string) {
	return db.selectFrom('strategy').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findStrategyById(db: Executor, id: number) {
	return db.selectFrom('strategy').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGoal(db: Executor, id: number) {
	return db.selectFrom('goal').select(goalColumns).where('id', '=', id).executeTakeFirst();
}

/** The goal tree of a strategy and nothing more: what pickers and filters offer. */
export function listGoalOutline(db: Executor, strategyId: number) {
	return db
		.selectFrom('goal')
		.select(['id', 'parentId', 'level', 'code', 'title', 'position'])
		.where('strategyId', '=', strategyId)
		.execute();
}

/** Every goal of a strategy with the number of cards linked to it (archived ones included). */
export function listGoalsOfStrategy(db: Executor, strategyId: number) {
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
export function listCurrentGoals(db: Executor) {
	return db
		.selectFrom('goal')
		.innerJoin('strategy', 'strategy.id', 'goal.strategyId')
		.select(goalColumns)
		.select('strategy.title as strategyTitle')
		.where('strategy.status', '=', 'current')
		.orderBy('strategy.owner')
		.execute();
}

export function listSiblings(db: Executor, strategyId: number, parentId: number | null) {
	return db
		.selectFrom('goal')
		.select(['id', 'code', 'position'])
		.where('strategyId', '=', strategyId)
		.where((eb) => (parentId === null ? eb('parentId', 'is', null) : eb('parentId', '=', parentId)))
		.orderBy('position')
		.orderBy('id')
		.execute();
}

export async function codesTaken(db: Executor, strategyId: number, codes: string[]) {
	if (codes.length === 0) return [];
	const rows = await db
		.selectFrom('goal')
		.select('code')
		.where('strategyId', '=', strategyId)
		.where('code', 'in', codes)
		.execute();
	return rows.map((r) => r.code as string);
}

export async function countLinked(db: Executor, goalId: number) {
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

export function listMappings(db: Executor, goalIds: number[]) {
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
