import type { CatchUp } from '$lib/realtime/events';
import type { Actor } from '../auth/policy';
import { loadViewer } from '../auth/policy';
import { boardFor } from '../boards/service';
import type { Db } from '../db';
import { boardEvent } from './publisher';
import { latestEventId, listBoardEventsAfter } from './repository';

// The events of a board a client missed while its connection was down, by id: those the viewer
// would have been sent live (./visibility.ts decides both). Past a few hundred
// events, or an hour, reloading the board is cheaper and simpler than replaying them.

export const CATCH_UP_MAX_EVENTS = 500;
export const CATCH_UP_MAX_AGE_MS = 60 * 60_000;

export async function boardEventsSince(
	db: Db,
	actor: Actor,
	boardId: number,
	after: string
): Promise<CatchUp> {
	const viewer = await loadViewer(db, actor);
	await boardFor(db, viewer, boardId);
	const latestId = await latestEventId(db);
	const rows = await listBoardEventsAfter(db, viewer, boardId, after, CATCH_UP_MAX_EVENTS + 1);
	const tooOld =
		rows.length > 0 && Date.now() - new Date(rows[0]!.occurredAt).getTime() > CATCH_UP_MAX_AGE_MS;
	if (rows.length > CATCH_UP_MAX_EVENTS || tooOld) return { events: [], latestId, reload: true };
	return {
		events: rows.map((row) => boardEvent({ ...row, boardId })),
		latestId,
		reload: false
	};
}
