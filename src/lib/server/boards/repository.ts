import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db';
import type { ColumnStatus } from '../db/schema';
import type { Viewer } from '../auth/policy';
import { visible } from '../auth/policy';

/** Boards the viewer may open: owned, joined, or holding a card their organisation takes part in. */
export function listBoardsFor(db: Db, viewer: Viewer) {
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
				'owner.shortName as ownerShortName',
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

/** A board with its owner, strategy and participants: what every card action checks. */
function boardQuery(db: Db, id: number) {
	// The owner always takes part, whether or not it is listed in board_organization.
	return db
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
			'board.labelColours',
			'owner.name as ownerName',
			'owner.shortName as ownerShortName',
			jsonArrayFrom(
				eb
					.selectFrom('organization')
					.select([
						'organization.id',
						'organization.name',
						'organization.shortName',
						'organization.kind'
					])
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
		.where('board.id', '=', id);
}

/** One statement: a board is read on every card action. */
export async function findBoard(db: Db, id: number) {
	const board = await boardQuery(db, id).executeTakeFirst();
	if (!board) return undefined;
	return { ...board, participantIds: board.participants.map((p) => p.id) };
}

/**
 * The board as its page reads it, in the same one statement: also its columns, the version of
 * its strategy's outline (the outline's cache key) and the newest event's id. That id is read
 * before the tiles, so the page's live updates start from it and miss nothing.
 */
export async function findBoardForPage(db: Db, id: number) {
	const board = await boardQuery(db, id)
		.select((eb) => [
			'strategy.outlineVersion',
			sql<string>`(select coalesce(max(event.id), 0)::text from event)`.as('latestEventId'),
			jsonArrayFrom(
				eb
					.selectFrom('boardColumn')
					.select([
						'boardColumn.id',
						'boardColumn.title',
						'boardColumn.status',
						// As the driver reads a numeric: its exact text, not a JSON number.
						sql<string>`board_column.position::text`.as('position'),
						'boardColumn.wipLimit'
					])
					.whereRef('boardColumn.boardId', '=', 'board.id')
					.orderBy('boardColumn.position')
					.orderBy('boardColumn.id')
			).as('columns')
		])
		.executeTakeFirst();
	if (!board) return undefined;
	return { ...board, participantIds: board.participants.map((p) => p.id) };
}

/** Whether the viewer's organisations lead or partner any live card on the board. */
export async function takesPartOnBoard(db: Db, boardId: number, orgIds: number[]) {
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

export function listColumns(db: Db, boardId: number) {
	return db
		.selectFrom('boardColumn')
		.select(['id', 'title', 'status', 'position', 'wipLimit'])
		.where('boardId', '=', boardId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

/** How many live and archived cards each column of the board holds. */
export function countCardsByColumn(db: Db, boardId: number) {
	return db
		.selectFrom('card')
		.select([
			'columnId',
			sql<number>`count(*) filter (where archived_at is null)::int`.as('live'),
			sql<number>`count(*) filter (where archived_at is not null)::int`.as('archived')
		])
		.where('boardId', '=', boardId)
		.groupBy('columnId')
		.execute();
}

export function insertColumn(
	db: Db,
	values: {
		boardId: number;
		title: string;
		status: ColumnStatus;
		wipLimit: number | null;
		position: string;
	}
) {
	return db
		.insertInto('boardColumn')
		.values(values)
		.returning(['id', 'title', 'status', 'wipLimit', 'position'])
		.executeTakeFirstOrThrow();
}

export async function updateColumnFields(
	db: Db,
	columnId: number,
	fields: { title: string; status: ColumnStatus; wipLimit: number | null }
) {
	await db
		.updateTable('boardColumn')
		.set({ title: fields.title, status: fields.status, wipLimit: fields.wipLimit })
		.where('id', '=', columnId)
		.execute();
}

export async function setColumnPosition(db: Db, columnId: number, position: string) {
	await db.updateTable('boardColumn').set({ position }).where('id', '=', columnId).execute();
}

/** Locks the columns named (in id order) and answers those that exist. */
export function lockColumns(db: Db, columnIds: number[]) {
	return db
		.selectFrom('boardColumn')
		.select('id')
		.where('id', 'in', columnIds)
		.orderBy('id')
		.forUpdate()
		.execute();
}

/** Every card of the column, archived ones too, in their order. */
export function listColumnCards(db: Db, columnId: number) {
	return db
		.selectFrom('card')
		.select(['id', 'version'])
		.where('columnId', '=', columnId)
		.orderBy('position')
		.orderBy('id')
		.execute();
}

/** Puts a card into another column at the position given, with its next version. */
export async function moveCardToColumn(
	db: Db,
	card: { id: number; version: number },
	columnId: number,
	position: string
) {
	await db
		.updateTable('card')
		.set({
			columnId,
			position,
			version: card.version + 1,
			updatedAt: new Date()
		})
		.where('id', '=', card.id)
		.execute();
}

export async function deleteColumn(db: Db, columnId: number) {
	await db.deleteFrom('boardColumn').where('id', '=', columnId).execute();
}

/** The last position in a column, for a card added at its end (or the
 * cards of a removed column). */
export async function lastPosition(db: Db, columnId: number) {
	const row = await db
		.selectFrom('card')
		.select('position')
		.where('columnId', '=', columnId)
		.orderBy('position', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.position ?? null;
}
