import { sql } from 'kysely';
import type { Db } from '../db';

// Two editions of one strategy: the superseded one (S_old) and the one that supersedes it
// (S_new.supersedesId = S_old.id). What the mapping tables, the card dialog's notice and the
// re-link read.

const strategyColumns = ['id', 'slug', 'title', 'status', 'supersedesId'] as const;

/** The edition pair a strategy belongs to, as the earlier or the later edition; else undefined. */
export async function findEditionPair(db: Db, strategyId: number) {
	const self = await db
		.selectFrom('strategy')
		.select(strategyColumns)
		.where('id', '=', strategyId)
		.executeTakeFirst();
	if (!self) return undefined;
	const later = await db
		.selectFrom('strategy')
		.select(strategyColumns)
		.where('supersedesId', '=', strategyId)
		.orderBy('id')
		.executeTakeFirst();
	if (later) return { earlier: self, later };
	if (self.supersedesId === null) return undefined;
	const earlier = await db
		.selectFrom('strategy')
		.select(strategyColumns)
		.where('id', '=', self.supersedesId)
		.executeTakeFirst();
	return earlier ? { earlier, later: self } : undefined;
}

/**
 * A superseded strategy with the edition superseding it, in one statement (what every card
 * dialog asks); undefined when the strategy is not superseded.
 */
export async function findSupersededPair(db: Db, strategyId: number) {
	const row = await db
		.selectFrom('strategy as earlier')
		.innerJoin('strategy as later', 'later.supersedesId', 'earlier.id')
		.select([
			'earlier.id as earlierId',
			'earlier.slug as earlierSlug',
			'earlier.title as earlierTitle',
			'later.id as laterId',
			'later.slug as laterSlug',
			'later.title as laterTitle'
		])
		.where('earlier.id', '=', strategyId)
		.where('earlier.status', '=', 'superseded')
		.orderBy('later.id')
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		earlier: { id: row.earlierId, slug: row.earlierSlug, title: row.earlierTitle },
		later: { id: row.laterId, slug: row.laterSlug, title: row.laterTitle }
	};
}

/** The goals of a strategy, as the mapping tables list them. */
export function listEditionGoals(db: Db, strategyId: number) {
	return db
		.selectFrom('goal')
		.select(['id', 'parentId', 'level', 'code', 'title', 'position'])
		.where('strategyId', '=', strategyId)
		.execute();
}

/** Every mapping from a goal of `fromStrategyId` to a goal of `toStrategyId`, with the note. */
export function listPairMappings(db: Db, fromStrategyId: number, toStrategyId: number) {
	return db
		.selectFrom('goalMapping')
		.innerJoin('goal as fromGoal', 'fromGoal.id', 'goalMapping.fromGoalId')
		.innerJoin('goal as toGoal', 'toGoal.id', 'goalMapping.toGoalId')
		.select([
			'goalMapping.fromGoalId as fromId',
			'goalMapping.toGoalId as toId',
			'goalMapping.note',
			'toGoal.level as toLevel',
			'toGoal.code as toCode',
			'toGoal.title as toTitle'
		])
		.where('fromGoal.strategyId', '=', fromStrategyId)
		.where('toGoal.strategyId', '=', toStrategyId)
		.orderBy('goalMapping.toGoalId')
		.execute();
}

/** The boards that carry out a strategy, archived ones too (they move with their edition). */
export function listStrategyBoards(db: Db, strategyId: number) {
	return db
		.selectFrom('board')
		.innerJoin('organization as owner', 'owner.id', 'board.ownerOrganizationId')
		.select([
			'board.id',
			'board.title',
			'board.archivedAt',
			'owner.name as ownerName',
			'owner.shortName as ownerShortName'
		])
		.where('board.strategyId', '=', strategyId)
		.orderBy('board.title')
		.orderBy('board.id')
		.execute();
}

/** Every card on the given boards, archived ones too, with the goal it carries out. */
export function listBoardCards(db: Db, boardIds: number[]) {
	if (boardIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('card')
		.leftJoin('goal', 'goal.id', 'card.goalId')
		.select([
			'card.id',
			'card.version',
			'card.title',
			'card.boardId',
			'card.goalId',
			'card.archivedAt',
			'goal.code as goalCode',
			'goal.title as goalTitle',
			'goal.strategyId as goalStrategyId'
		])
		.where('card.boardId', 'in', boardIds)
		.orderBy('card.boardId')
		.orderBy('card.id')
		.execute();
}

/** How many cards sit on a strategy's boards: whether a re-link has anything to do. */
export async function countStrategyCards(db: Db, strategyId: number) {
	const row = await db
		.selectFrom('card')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('board.strategyId', '=', strategyId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Moves the boards still on the `from` edition to the `to` edition; answers those moved. */
export function moveBoardsToStrategy(db: Db, boardIds: number[], from: number, to: number) {
	return db
		.updateTable('board')
		.set({ strategyId: to })
		.where('id', 'in', boardIds)
		.where('strategyId', '=', from)
		.returning('id')
		.execute();
}

/** Sets a card's goal if the card is still at `version`; undefined when it is not. */
export function setCardGoal(db: Db, cardId: number, version: number, goalId: number | null) {
	return db
		.updateTable('card')
		.set({ goalId, version: version + 1, updatedAt: new Date() })
		.where('id', '=', cardId)
		.where('version', '=', version)
		.returning('id')
		.executeTakeFirst();
}
