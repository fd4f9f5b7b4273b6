import { positionBetween, positionsAfter } from '$lib/domain/position';
import type { ColumnDirection, ColumnFields } from '$lib/schemas/columns';
import { can, loadViewer, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import {
	countCardsByColumn,
	deleteColumn,
	insertColumn,
	lastPosition,
	listColumnCards,
	listColumns,
	lockColumns,
	moveCardToColumn,
	setColumnPosition,
	updateColumnFields
} from './repository';
import { boardFor } from './service';

// A board's columns, managed by the board's managers: add, edit (title, status category, WIP
// limit), move left or right, remove (its cards go to another column). Every change writes its
// row(s) and one `column.*` event in one transaction.

type Column = Awaited<ReturnType<typeof listColumns>>[number];

/** The board, if the actor may manage it: 404 when they cannot even see it, else 403. */
export async function managedBoard(db: Db, actor: Actor, boardId: number) {
	const viewer = await loadViewer(db, actor);
	const board = await boardFor(db, viewer, boardId);
	if (!can.manageBoard(viewer, board)) throw new ForbiddenError();
	return board;
}

/** The board's columns, and the one named, which must be one of them. */
async function columnsWith(db: Db, boardId: number, columnId: number) {
	const columns = await listColumns(db, boardId);
	const index = columns.findIndex((c) => c.id === columnId);
	if (index < 0) throw new NotFoundError();
	return { columns, index, column: columns[index]! };
}

/** Two columns of one name would make the board, and every label naming a column, ambiguous. */
function requireFreeTitle(columns: Column[], title: string, exceptId?: number) {
	const wanted = title.toLocaleLowerCase('pl');
	if (columns.some((c) => c.id !== exceptId && c.title.toLocaleLowerCase('pl') === wanted))
		throw new ValidationError('title', 'columns_title_taken', { title });
}

/** What the settings page shows: the board and its columns with their card counts. */
export async function getColumnSettings(db: Db, actor: Actor, boardId: number) {
	const board = await managedBoard(db, actor, boardId);
	const [columns, counts] = await Promise.all([
		listColumns(db, boardId),
		countCardsByColumn(db, boardId)
	]);
	const byColumn = new Map(counts.map((c) => [c.columnId, c]));
	return {
		board: {
			id: board.id,
			title: board.title,
			ownerName: board.ownerName,
			ownerShortName: board.ownerShortName
		},
		columns: columns.map((c) => ({
			...c,
			liveCards: Number(byColumn.get(c.id)?.live ?? 0),
			archivedCards: Number(byColumn.get(c.id)?.archived ?? 0)
		}))
	};
}

/** Adds a column at the right end of the board. */
export async function addColumn(db: Db, actor: Actor, boardId: number, input: ColumnFields) {
	await managedBoard(db, actor, boardId);
	const columns = await listColumns(db, boardId);
	requireFreeTitle(columns, input.title);
	const position = positionBetween(columns.at(-1)?.position ?? null, null);
	return db.transaction().execute(async (trx) => {
		const column = await insertColumn(trx, {
			boardId,
			title: input.title,
			status: input.status,
			wipLimit: input.wipLimit,
			position
		});
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'column.created',
			entityId: column.id,
			boardId,
			payload: { title: column.title, status: column.status, wipLimit: column.wipLimit, position }
		});
		return column;
	});
}

const EDITABLE = ['title', 'status', 'wipLimit'] as const;

/** Renames a column, changes its status category or its WIP limit. */
export async function updateColumn(
	db: Db,
	actor: Actor,
	boardId: number,
	columnId: number,
	input: ColumnFields
) {
	await managedBoard(db, actor, boardId);
	const { columns, column } = await columnsWith(db, boardId, columnId);
	requireFreeTitle(columns, input.title, columnId);
	const changed = EDITABLE.filter((k) => column[k] !== input[k]);
	// A save that changes nothing leaves no trace in the history.
	if (changed.length === 0) return { id: columnId, title: input.title };
	return db.transaction().execute(async (trx) => {
		await updateColumnFields(trx, columnId, input);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'column.updated',
			entityId: columnId,
			boardId,
			payload: {
				changed,
				before: Object.fromEntries(changed.map((k) => [k, column[k]])),
				after: Object.fromEntries(changed.map((k) => [k, input[k]]))
			}
		});
		return { id: columnId, title: input.title };
	});
}

/**
 * Moves a column one place left or right, writing only its own row: its new key lies between
 * the keys of its new neighbours. At either end nothing happens and nothing is recorded.
 */
export async function moveColumn(
	db: Db,
	actor: Actor,
	boardId: number,
	columnId: number,
	direction: ColumnDirection
) {
	await managedBoard(db, actor, boardId);
	const { columns, index, column } = await columnsWith(db, boardId, columnId);
	const to = direction === 'left' ? index - 1 : index + 1;
	const result = { id: columnId, title: column.title, position: to + 1, count: columns.length };
	if (to < 0 || to >= columns.length) return { ...result, position: index + 1 };
	const others = columns.filter((c) => c.id !== columnId);
	const before = others[to - 1]?.position ?? null;
	const after = others[to]?.position ?? null;
	// Equal neighbouring keys (rows written by hand, say) leave no key between them: then the
	// whole board is renumbered in its new order, once, rather than the move failing.
	const renumber = before !== null && after !== null && before >= after;
	const order = [...others.slice(0, to), column, ...others.slice(to)];
	const keys = renumber ? positionsAfter(null, order.length) : null;
	const position = keys ? keys[to]! : positionBetween(before, after);
	await db.transaction().execute(async (trx) => {
		const writes = keys
			? order.map((c, i) => ({ id: c.id, position: keys[i]! }))
			: [{ id: columnId, position }];
		for (const w of writes) {
			await setColumnPosition(trx, w.id, w.position);
		}
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'column.moved',
			entityId: columnId,
			boardId,
			payload: { direction, from: index, to, position, renumbered: renumber }
		});
	});
	return result;
}

/**
 * Removes a column after moving all its cards (archived ones too) to the end of another column
 * of the board, in their current order, each with a new version so open editors see the change.
 * The last column stays: a board without columns has nowhere to put a card.
 */
export async function removeColumn(
	db: Db,
	actor: Actor,
	boardId: number,
	columnId: number,
	targetColumnId: number
) {
	await managedBoard(db, actor, boardId);
	const { columns, column } = await columnsWith(db, boardId, columnId);
	if (columns.length === 1) throw new ConflictError('columns_last_column');
	if (targetColumnId === columnId)
		throw new ValidationError('targetColumnId', 'columns_target_itself');
	const target = columns.find((c) => c.id === targetColumnId);
	if (!target) throw new ValidationError('targetColumnId', 'columns_target_other_board');
	return db.transaction().execute(async (trx) => {
		// Locking both columns makes a card added or moved into them meanwhile wait, so no card is
		// left behind, and two removals racing to empty the board find one column already gone.
		const locked = await lockColumns(trx, [columnId, target.id]);
		if (locked.length < 2) throw new NotFoundError();
		const cards = await listColumnCards(trx, columnId);
		const keys = positionsAfter(await lastPosition(trx, target.id), cards.length);
		for (const [i, card] of cards.entries()) {
			await moveCardToColumn(trx, card, target.id, keys[i]!);
		}
		await deleteColumn(trx, columnId);
		const moved = cards.map((c) => c.id);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'column.removed',
			entityId: columnId,
			boardId,
			payload: {
				title: column.title,
				status: column.status,
				targetColumnId: target.id,
				targetTitle: target.title,
				cardIds: moved
			}
		});
		return { title: column.title, target: target.title, moved };
	});
}
