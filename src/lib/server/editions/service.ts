import { orgFullName } from '$lib/domain/organizations';
import { relinkStampOf, type RelinkInput } from '$lib/schemas/editions';
import { requireStrategyEditor, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import { recordEvent } from '../events/repository';
import { findStrategyById, findStrategyBySlug } from '../goals/repository';
import { cardSuccessors, type GoalRef } from './mapping';
import * as repo from './repository';

// Re-linking the work of a superseded edition to the current one, in one step. A card's goal must
// belong to its board's strategy, so the cards on goals of the superseded edition are exactly the
// cards on its boards: the boards move to the current edition, and each card's goal follows the
// mapping (or is removed where the goal has no successor). The coordinator sees a preview first;
// the confirm form carries what it showed, and anything changed since is a conflict.

export interface RelinkCard {
	id: number;
	version: number;
	title: string;
	boardId: number;
	boardTitle: string;
	archived: boolean;
	from: GoalRef | null;
	/** The goal the card will carry out; null: none (no successor, or no goal to begin with). */
	to: GoalRef | null;
}

/** The current edition named by the URL and the edition it supersedes; 404 for anyone else. */
async function editionsOr404(db: Db, actor: Actor, slug: string) {
	requireStrategyEditor(actor);
	const later = await findStrategyBySlug(db, slug);
	if (!later?.supersedesId) throw new NotFoundError();
	const earlier = await findStrategyById(db, later.supersedesId);
	if (!earlier) throw new NotFoundError();
	return { earlier, later };
}

async function buildPreview(db: Db, earlierId: number, laterId: number) {
	const boards = await repo.listStrategyBoards(db, earlierId);
	const boardTitle = new Map(boards.map((b) => [b.id, b.title]));
	const [rows, mappings] = await Promise.all([
		repo.listBoardCards(
			db,
			boards.map((b) => b.id)
		),
		repo.listPairMappings(db, earlierId, laterId)
	]);
	const successors = cardSuccessors(mappings);
	const cards: RelinkCard[] = rows.map((row) => {
		const from =
			row.goalId === null ? null : { id: row.goalId, code: row.goalCode, title: row.goalTitle! };
		// A goal already of the current edition (not expected on these boards) stays as it is.
		const to = !from
			? null
			: row.goalStrategyId === laterId
				? from
				: (successors.get(from.id) ?? null);
		return {
			id: row.id,
			version: row.version,
			title: row.title,
			boardId: row.boardId,
			boardTitle: boardTitle.get(row.boardId) ?? '',
			archived: row.archivedAt !== null,
			from,
			to
		};
	});
	const changes = cards.filter((c) => c.from?.id !== c.to?.id);
	return {
		boards: boards.map((b) => ({
			id: b.id,
			title: b.title,
			ownerName: orgFullName({ name: b.ownerName, shortName: b.ownerShortName }),
			archived: b.archivedAt !== null
		})),
		cards,
		counts: {
			boards: boards.length,
			cards: cards.length,
			relinked: changes.filter((c) => c.to !== null).length,
			unlinked: changes.filter((c) => c.to === null).length,
			withoutGoal: cards.filter((c) => c.from === null).length
		}
	};
}

export type RelinkPreview = Awaited<ReturnType<typeof buildPreview>>;

/** What a re-link would do now: the boards to move and every card with its old and new goal. */
export async function previewRelink(db: Db, actor: Actor, slug: string) {
	const { earlier, later } = await editionsOr404(db, actor, slug);
	const preview = await buildPreview(db, earlier.id, later.id);
	return {
		earlier: { id: earlier.id, slug: earlier.slug, title: earlier.title },
		later: { id: later.id, slug: later.slug, title: later.title },
		...preview
	};
}

/** Whether the confirm form names exactly what the preview shows now. */
function sameAsPreviewed(preview: RelinkPreview, input: RelinkInput) {
	const sorted = (list: string[]) => [...list].sort().join(',');
	return (
		sorted(preview.boards.map((b) => String(b.id))) === sorted(input.boards.map(String)) &&
		sorted(preview.cards.map(relinkStampOf)) === sorted(input.cards.map((s) => s.join(':')))
	);
}

function stale(): never {
	throw new ConflictError('editions_relink_stale');
}

/**
 * Moves the superseded edition's boards to the current one and re-links their cards along the
 * mapping, in one transaction with an event per card changed and per board moved. Refused with a
 * conflict, writing nothing, when the boards or cards differ from the preview the form carries.
 */
export async function relink(db: Db, actor: Actor, slug: string, input: RelinkInput) {
	const { earlier, later } = await editionsOr404(db, actor, slug);
	return db.transaction().execute(async (trx) => {
		// Read again inside the transaction: what is written is what was checked.
		const preview = await buildPreview(trx, earlier.id, later.id);
		if (!sameAsPreviewed(preview, input)) stale();
		const boardIds = preview.boards.map((b) => b.id);
		if (boardIds.length) {
			const moved = await repo.moveBoardsToStrategy(trx, boardIds, earlier.id, later.id);
			if (moved.length !== boardIds.length) stale();
		}
		for (const board of preview.boards) {
			await recordEvent(trx, {
				actorId: actor.id,
				type: 'board.strategy_changed',
				entityId: board.id,
				boardId: board.id,
				payload: { fromStrategyId: earlier.id, toStrategyId: later.id, title: board.title }
			});
		}
		const changes = preview.cards.filter((c) => c.from?.id !== c.to?.id);
		for (const card of changes) {
			const goalId = card.to?.id ?? null;
			const updated = await repo.setCardGoal(trx, card.id, card.version, goalId);
			// Someone saved the card between the read above and this write.
			if (!updated) stale();
			await recordEvent(trx, {
				actorId: actor.id,
				type: 'card.updated',
				entityId: card.id,
				boardId: card.boardId,
				cardId: card.id,
				payload: {
					changed: ['goalId'],
					before: { goalId: card.from?.id ?? null },
					after: { goalId },
					reason: 'edition_relink'
				}
			});
		}
		return {
			boards: boardIds.length,
			relinked: preview.counts.relinked,
			unlinked: preview.counts.unlinked
		};
	});
}

/** What a re-link into this edition would touch: whether (and how) its strategy page offers it. */
export async function relinkCounts(db: Db, strategy: { supersedesId: number | null }) {
	if (!strategy.supersedesId) return { boards: 0, cards: 0 };
	const [boards, cards] = await Promise.all([
		repo.listStrategyBoards(db, strategy.supersedesId),
		repo.countStrategyCards(db, strategy.supersedesId)
	]);
	return { boards: boards.length, cards };
}
