import { typedEvent } from '$lib/events/catalogue';
import type { BoardEvent } from '$lib/realtime/events';
import type { Db } from '../db';
import { latestEventId, listEventsAfter, listEventsIn } from './repository';

export { latestEventId };

// Publishes from the event table, after commit: a change is pushed only once its transaction has
// committed, because only then can this read see it. A trigger on the table notifies
// `event_inserted` at commit, which wakes the publisher at once; it also polls, in case a
// notification is lost. Event ids come from a sequence, so a transaction that commits later can
// hold a smaller id than one already read: a gap in the ids is waited for (a transaction still
// running) for GAP_WAIT_MS, then skipped over but still looked for until PENDING_MS, so a slow
// transaction's event is published late rather than never.

const BATCH = 500;
const GAP_WAIT_MS = 2000;
const PENDING_MS = 5 * 60_000;
export const EVENT_CHANNEL = 'event_inserted';

export interface EventRow {
	id: string;
	type: string;
	actorId: number | null;
	entityId: number;
	boardId: number | null;
	cardId: number | null;
	payload: unknown;
}

/** What a board's watchers are told of an event: a move says where the card went. */
export function boardEvent(
	row: Pick<EventRow, 'id' | 'type' | 'cardId' | 'payload'> & { boardId: number }
): BoardEvent {
	const event: BoardEvent = {
		id: row.id,
		type: row.type,
		boardId: row.boardId,
		cardId: row.cardId
	};
	const typed = typedEvent(row);
	if (typed?.type === 'card.moved')
		event.move = {
			columnId: typed.payload.toColumnId,
			position: typed.payload.position,
			version: typed.payload.version
		};
	return event;
}

export type Publish = (row: EventRow) => void | Promise<void>;
export type Listen = (channel: string, onNotify: () => void) => Promise<() => Promise<void>>;

export function startPublisher(
	db: () => Db,
	publish: Publish,
	options: { pollMs?: number; listen?: Listen } = {}
) {
	const pollMs = options.pollMs ?? 250;
	let cursor: bigint | undefined;
	let gapSince: number | undefined;
	/** Ids skipped over as gaps, with when to stop looking for them. */
	const pending = new Map<string, number>();
	let stopped = false;
	let running: Promise<void> = Promise.resolve();
	let queued = false;

	async function tick() {
		queued = false;
		if (cursor === undefined) cursor = BigInt(await latestEventId(db()));
		if (pending.size) {
			const now = Date.now();
			for (const [id, until] of pending) if (until < now) pending.delete(id);
			const late = pending.size ? await listEventsIn(db(), [...pending.keys()]) : [];
			for (const row of late) {
				pending.delete(row.id);
				await publish(row);
			}
		}
		const rows = await listEventsAfter(db(), cursor.toString(), BATCH);
		for (const row of rows) {
			const id = BigInt(row.id);
			if (id !== cursor + 1n) {
				// A gap: an earlier transaction may still commit. Wait for it, but not for ever.
				gapSince ??= Date.now();
				if (Date.now() - gapSince < GAP_WAIT_MS) return;
				for (let missing = cursor + 1n; missing < id && pending.size < BATCH; missing++)
					pending.set(missing.toString(), Date.now() + PENDING_MS);
			}
			gapSince = undefined;
			await publish(row);
			cursor = id;
		}
	}

	/** Runs a tick after the current one; ticks never overlap, and never pile up. */
	function wake() {
		if (stopped || queued) return;
		queued = true;
		running = running.then(tick).catch((error) => {
			// The database may be restarting: the next tick tries again from the same cursor.
			console.error('Real-time publisher:', error instanceof Error ? error.message : error);
		});
	}

	// The first tick sets the cursor at the latest event: what follows is published.
	wake();
	const timer = setInterval(wake, pollMs);
	timer.unref();
	const unlisten = options.listen?.(EVENT_CHANNEL, wake).catch((error) => {
		console.error('Real-time publisher: LISTEN failed, polling only:', error.message);
		return undefined;
	});

	return {
		async stop() {
			stopped = true;
			clearInterval(timer);
			await (
				await unlisten
			)?.();
			await running;
		}
	};
}
