import { positionBetween } from '$lib/domain/position';
import { cardFilterSchema } from '$lib/schemas/filters';
import type { CreateCardInput, MoveCardInput, UpdateCardInput } from '$lib/schemas/cards';
import { can, loadViewer, type Actor, type CardFacts, type Viewer } from '../auth/policy';
import { lastPosition } from '../boards/repository';
import { boardFor } from '../boards/service';
import type { Db } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { eventRow, listEventsFor, recordEvent } from '../events/repository';
import { managersOf, notify } from '../notifications/repository';
import { listBoardTiles } from './lists-repository';
import * as repo from './repository';

// Cards: every change checks access, validates against the database, and writes the card row and
// its event in one transaction. Edits and moves name the version they saw; a stale one is 409.

type Card = NonNullable<Awaited<ReturnType<typeof repo.findCard>>>;

/** The card with its board and access facts, if the viewer may see it; else NotFoundError. */
export async function visibleCard(db: Db, viewer: Viewer, cardId: number) {
	const card = await repo.findCard(db, cardId);
	if (!card) throw new NotFoundError();
	const board = await boardFor(db, viewer, card.boardId);
	const facts: CardFacts = { board, leadId: card.leadId, partnerIds: card.partnerIds };
	if (!can.seeCard(viewer, facts)) throw new NotFoundError();
	return { card, board, facts };
}

/** A goal a card of this board may carry out: a task or operational goal of the board's strategy. */
async function checkGoal(db: Db, strategyId: number, goalId: number | null | undefined) {
	if (!goalId) return null;
	const chain = await repo.goalChain(db, goalId);
	const goal = chain.at(-1);
	if (!goal || goal.strategyId !== strategyId)
		throw new ValidationError('goalId', 'card_goal_other_strategy');
	if (goal.level !== 'task' && goal.level !== 'operational')
		throw new ValidationError('goalId', 'card_goal_level');
	return goalId;
}

export function staleVersion(card: Card): never {
	throw new ConflictError('card_stale', { version: card.version });
}

/**
 * The card's id once it is known to sit on the board its URL names: a card is addressed through
 * its own board only, in actions as in pages.
 */
export async function cardOnBoard(db: Db, cardId: number, boardId: number): Promise<number> {
	const card = await repo.findCardBoard(db, cardId);
	if (!card || card.boardId !== boardId) throw new NotFoundError();
	return cardId;
}

export async function getCard(db: Db, actor: Actor, cardId: number) {
	const { card, board, chain, history, canEdit, canMove } = await openCard(db, actor, cardId);
	return { card, board, chain, history, canEdit, canMove };
}

/** getCard, with the viewer and the access facts it was shown by, for loads that go on from it. */
export async function openCard(db: Db, actor: Actor, cardId: number) {
	const viewer = await loadViewer(db, actor);
	const { card, board, facts } = await visibleCard(db, viewer, cardId);
	const [chain, history] = await Promise.all([
		card.goalId ? repo.goalChain(db, card.goalId) : Promise.resolve([]),
		listEventsFor(db, 'card', cardId)
	]);
	return {
		viewer,
		facts,
		card,
		board,
		chain,
		history,
		canEdit: can.editCard(viewer, facts),
		canMove: can.moveCard(viewer, facts)
	};
}

/**
 * Where the "move to…" control offers to put a card: the first cards of each column of its
 * board that the viewer may see (the same ones the board shows). The board is one the viewer
 * has been shown (through the card being moved), so it is not checked again.
 */
export async function moveTargets(db: Db, viewer: Viewer, boardId: number) {
	const tiles = await listBoardTiles(db, boardId, viewer, cardFilterSchema.parse({}));
	return tiles.map(({ id, title, columnId }) => ({ id, title, columnId }));
}

export async function createCard(db: Db, actor: Actor, boardId: number, input: CreateCardInput) {
	const viewer = await loadViewer(db, actor);
	const board = await boardFor(db, viewer, boardId);
	// Seen through a partnered card, the board is visible but not open to new cards.
	if (!can.createCard(viewer, board)) throw new ForbiddenError();
	const column = await repo.findColumn(db, input.columnId);
	if (!column || column.boardId !== boardId)
		throw new ValidationError('columnId', 'card_column_other_board');
	const goalId = await checkGoal(db, board.strategyId, input.goalId);
	// The lead is the creator's organisation on this board unless they pick another they belong to.
	const leadId =
		input.leadId ??
		board.participantIds.find((id) => viewer.orgs.has(id)) ??
		board.ownerOrganizationId;
	if (!can.seeEverything(viewer) && !viewer.orgs.has(leadId))
		throw new ValidationError('leadId', 'card_lead_not_yours');
	const position = positionBetween(await lastPosition(db, column.id), null);
	return db.transaction().execute(async (trx) => {
		const card = await repo.insertCard(trx, {
			boardId,
			columnId: column.id,
			goalId,
			title: input.title,
			description: input.description,
			position,
			priority: input.priority,
			labels: input.labels,
			startDate: input.startDate,
			dueDate: input.dueDate,
			isPublic: input.isPublic,
			createdBy: actor.id,
			clientKey: input.clientKey ?? null
		});
		if (!card) {
			// The same send again: the card is there; nothing more is written or told.
			const made =
				input.clientKey &&
				(await repo.findCardByClientKey(trx, boardId, actor.id, input.clientKey));
			if (!made) throw new ConflictError('card_key_reused');
			return made;
		}
		await repo.insertLead(trx, card.id, leadId);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'card.created',
			entityId: card.id,
			boardId,
			cardId: card.id,
			payload: { title: input.title, columnId: column.id }
		});
		// Given to an organisation the creator is not in (the staff do that): its managers hear of it.
		if (!viewer.orgs.has(leadId)) {
			const managers = await managersOf(trx, leadId);
			await notify(trx, {
				type: 'org_assigned',
				cardId: card.id,
				actorId: actor.id,
				userIds: managers.map((p) => p.id)
			});
		}
		return card;
	});
}

const EDITABLE = [
	'title',
	'description',
	'goalId',
	'priority',
	'labels',
	'startDate',
	'dueDate',
	'isPublic'
] as const;

export async function updateCard(db: Db, actor: Actor, cardId: number, input: UpdateCardInput) {
	const viewer = await loadViewer(db, actor);
	const { card, board, facts } = await visibleCard(db, viewer, cardId);
	if (!can.editCard(viewer, facts)) throw new ForbiddenError();
	if (card.version !== input.version) staleVersion(card);
	const goalId = await checkGoal(db, board.strategyId, input.goalId);
	const after = { ...input, goalId };
	const changed = EDITABLE.filter((k) => JSON.stringify(card[k]) !== JSON.stringify(after[k]));
	return db.transaction().execute(async (trx) => {
		const updated = await repo.updateCardFields(trx, cardId, input.version, after);
		// Someone else saved between our read and this write.
		if (!updated) staleVersion(card);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'card.updated',
			entityId: cardId,
			boardId: card.boardId,
			cardId,
			payload: {
				changed,
				before: Object.fromEntries(changed.map((k) => [k, card[k]])),
				after: Object.fromEntries(changed.map((k) => [k, after[k]]))
			}
		});
		return updated;
	});
}

/** Moves a card after another card of a column (or to its top), writing one card row and one event. */
export async function moveCard(db: Db, actor: Actor, cardId: number, input: MoveCardInput) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	if (!can.moveCard(viewer, facts)) throw new ForbiddenError();
	if (card.version !== input.version) staleVersion(card);
	if (input.afterId === cardId) throw new ValidationError('afterId', 'card_after_itself');
	const column = await repo.findMoveTarget(db, viewer, {
		columnId: input.columnId,
		afterId: input.afterId ?? null,
		cardId,
		countLive: input.columnId !== card.columnId && !input.confirmWip
	});
	if (!column || column.boardId !== card.boardId)
		throw new ValidationError('columnId', 'card_column_other_board');
	if (input.afterId && column.afterPosition === null)
		throw new ValidationError('afterId', 'card_after_other_column');
	if (column.id !== card.columnId && column.wipLimit && !input.confirmWip) {
		if (column.liveCount >= column.wipLimit)
			throw new ConflictError('card_wip_limit', { column: column.title, limit: column.wipLimit });
	}
	const position = positionBetween(column.afterPosition, column.nextPosition);
	// The card's version after the move lets a board apply moves in order (an older one is stale).
	const payload = {
		fromColumnId: card.columnId,
		toColumnId: column.id,
		position,
		version: card.version + 1
	};
	// The move and its event in one statement (so one round trip, and atomic as a transaction
	// would be): the event is written only if the update found the card at the version named.
	const event = eventRow({
		actorId: actor.id,
		type: 'card.moved',
		entityId: cardId,
		boardId: card.boardId,
		cardId,
		payload
	});
	const written = await repo.moveCardWithEvent(
		db,
		{ cardId, version: input.version, columnId: column.id, position },
		event
	);
	if (!written) staleVersion(card);
	return { id: cardId, version: card.version + 1, columnId: column.id, position };
}

/** Archives (or restores) a card: it leaves (or returns to) the board, its history kept. */
export async function setArchived(
	db: Db,
	actor: Actor,
	cardId: number,
	input: { version: number; archived: boolean }
) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	if (!can.editCard(viewer, facts)) throw new ForbiddenError();
	if (card.version !== input.version) staleVersion(card);
	return db.transaction().execute(async (trx) => {
		const row = await repo.setCardArchived(trx, cardId, input.version, input.archived);
		if (!row) staleVersion(card);
		await recordEvent(trx, {
			actorId: actor.id,
			type: input.archived ? 'card.archived' : 'card.restored',
			entityId: cardId,
			boardId: card.boardId,
			cardId,
			payload: { title: card.title }
		});
		return row;
	});
}
