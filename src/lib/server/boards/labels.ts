import { readLabelColours, type LabelColourMap } from '$lib/schemas/label-colours';
import { loadViewer, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { recordEvent } from '../events/repository';
import { managedBoard } from './columns';
import * as repo from './labels-repository';

// A board's label colours, set by its managers on the settings page: one map per board, so a
// label reads the same on every card; every change writes the map and its event together.

/** The settings page's part: every label on the board's cards, with its colour if it has one. */
export async function getLabelColourSettings(db: Db, actor: Actor, boardId: number) {
	await managedBoard(db, actor, boardId);
	const viewer = await loadViewer(db, actor);
	const [labels, stored] = await Promise.all([
		repo.listBoardLabels(db, boardId, viewer),
		repo.findLabelColours(db, boardId)
	]);
	const colours = readLabelColours(stored);
	// A coloured label no card carries any more keeps its colour, for when it comes back.
	const all = [...new Set([...labels, ...Object.keys(colours)])].sort((a, b) =>
		a.localeCompare(b, 'pl')
	);
	return all.map((label) => ({ label, colour: colours[label] ?? null }));
}

/** Replaces the board's map with `colours` (already checked by `labelColoursSchema`). */
export async function setLabelColours(
	db: Db,
	actor: Actor,
	boardId: number,
	colours: LabelColourMap
) {
	await managedBoard(db, actor, boardId);
	return db.transaction().execute(async (trx) => {
		const before = readLabelColours(await repo.lockLabelColours(trx, boardId));
		await repo.saveLabelColours(trx, boardId, colours);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'board.label_colours_changed',
			entityId: boardId,
			boardId,
			payload: { before, after: colours }
		});
		return colours;
	});
}
