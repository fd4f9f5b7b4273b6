import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database } from '../db/schema';
import type { Viewer } from '../auth/policy';
import { visible } from '../auth/policy';

type Executor = Kysely<Database> | Transaction<Database>;

/** Boards the viewer may open: owned, joined, or holding a card their organisation takes part in. */
export function listBoardsFor(db: Executor, viewer: Viewer) {
	const visibleCard = visible.card(viewer);
	return (
		db
			.selectFrom('board')
			.innerJoin('organization as owner', 'owner.id', 'board.ownerOrganizationId')
			// The counts of one board's visible live cards, in one pass over them.
			.leftJoinLateral(
				(eb) =>
					eb
						.selectFrom('card')
						.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
						.whereRef('card.boardId', '=', 'board.id')
						.where('card.archivedAt', 'is', null)
						.where(visibleCard)
						.select([
							sql<number>`count(*)::int`.as('cardCount'),
							sql<number>`(count(*) filter (where board_column.status = 'done'))::int`.as(
								'doneCount'
							),
							sql<number>`(count(*) filter (where board_column.status <> 'done'
							and card.due_date < current_date))::int`.as('overdueCount')
						])
						.as('counts'),
				(join) => join.onTrue()
			)
			.select([
				'board.id',
				'board.title',
				'board.description',
				'board.isJoint',
				'board.ownerOrganizationId',
				'owner.name as ownerName',
				'owner.kind as ownerKind',
				'counts.cardCount',
				'counts.doneCount',
				'counts.overdueCount'
			])
			.where('board.archivedAt', 'is', null)
			.where(visible.board(viewer))
			.orderBy('owner.name')
			.orderBy('board.title')
			.execute()
	);
}

export async function findBoard(db: Executor, id: number) {
	// One statement: a board is read on every card action. The owner always takes part, whether
	// or not it is listed in board_organization.
	const board = await db
		.selectFrom('board')
		.innerJoin('organization as owner', 'owner.id', 'board.ownerOrganizationId')
		.innerJoin('strategy', 'strategy.id', 'board.strategyId')
		.select((eb) => [
			'board.id',
			'board.title',
			'board.description',
			'board.isJoint',
			'board.ownerOrganizationId',
			'board.strategyId',
			'strategy.owner as strategyOwner',
			'board.archivedAt',
			'owner.name as ownerName',
			jsonArrayFrom(
				eb
					.selectFrom('organization')
					.select(['organization.id', 'organization.name', 'organization.kind'])
					.where((inner) =>
						inner.or([
							inner('organization.id', '=', inner.ref('board.ownerOrganizationId')),
							inner(
								'organization.id',
								'in',
								inner
									.selectFrom('boardOrganization')
									.select('boardOrganization.organizationId')
									.whereRef('boardOrganization.boardId', '=', 'board.id')
							)
						])
					)
					.orderBy('organization.name')
			).as('participants')
		])
		.where('board.id', '=', id)
		.executeTakeFirst();
	if (!board) return undefined;
	return { ...board, participantIds: board.participants.map((p) => p.id) };
}

/** Whether the viewer's organisations lead or partner any live card on the board. */
export async function takesPartOnBoard(db: Executor, boardId: number, orgIds: number[]) {
	if (orgIds.length === 0) return false;
	const row = await db
		.selectFrom('card')
		.innerJoin('cardOrganization', 'cardOrganization.cardId', 'card.id')
		.select('card.id')
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where('cardOrganization.organizationId', 'in', orgIds)
		.limit(1)
		.executeTakeFirst();
	return !!row;
}

export function listColumns(db: Executor, boardId: number) {
	return db
		.selectFrom('boardColumn')
		.select(['id', 'title', 'status', 'position', 'wipLimit'])
		.where('boardId', '=', boardId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}
