import { sql } from 'kysely';
import type { LabelColourMap } from '$lib/schemas/label-colours';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';

// A board's label colours, and the labels its cards carry.

export async function findLabelColours(db: Db, boardId: number): Promise<unknown> {
	const row = await db
		.selectFrom('board')
		.select('labelColours')
		.where('id', '=', boardId)
		.executeTakeFirst();
	return row?.labelColours ?? {};
}

/** Replaces the map; the row is locked first, so the `before` of its event is what was replaced. */
export async function lockLabelColours(db: Db, boardId: number): Promise<unknown> {
	const row = await db
		.selectFrom('board')
		.select('labelColours')
		.where('id', '=', boardId)
		.forUpdate()
		.executeTakeFirst();
	return row?.labelColours ?? {};
}

export async function saveLabelColours(db: Db, boardId: number, colours: LabelColourMap) {
	await db
		.updateTable('board')
		.set({ labelColours: JSON.stringify(colours) })
		.where('id', '=', boardId)
		.execute();
}

/** The labels on the board's live cards that the viewer may see, in alphabetical order. */
export async function listBoardLabels(db: Db, boardId: number, viewer: Viewer) {
	const rows = await db
		.selectFrom('card')
		.select(sql<string>`unnest(card.labels)`.as('label'))
		.distinct()
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(visible.card(viewer))
		.orderBy('label')
		.execute();
	return rows.map((r) => r.label);
}
