import { sql } from 'kysely';
import type { Server } from 'socket.io';
import type { Db } from '../db';

// Publishes from the event table, after commit: a change is pushed only once its transaction has
// committed, because only then can this read see it. Event ids come from a sequence, so a
// transaction that commits later can hold a smaller id than one already read: a gap in the ids
// is waited for (it is a transaction still running) until it is older than GAP_WAIT_MS (then it
// was rolled back, and the id will never come).

const BATCH = 500;
const GAP_WAIT_MS = 2000;

export async function latestEventId(db: Db): Promise<string> {
	const row = await db
		.selectFrom('event')
		.select(sql<string>`coalesce(max(id), 0)::text`.as('id'))
		.executeTakeFirstOrThrow();
	return row.id;
}

interface Publishable {
	id: string;
	type: string;
	boardId: number | null;
}

/** Sends an event to whoever watches what it changed: the board's room. */
function publish(io: Server, event: Publishable) {
	if (event.boardId !== null)
		io.to(`board:${event.boardId}`).emit('board:changed', {
			id: event.id,
			type: event.type,
			boardId: event.boardId
		});
}

export function startPublisher(db: () => Db, io: Server, options: { pollMs?: number } = {}) {
	const pollMs = options.pollMs ?? 50;
	let cursor: bigint | undefined;
	let gapSince: number | undefined;
	let stopped = false;
	let running: Promise<void> = Promise.resolve();

	async function tick() {
		if (cursor === undefined) cursor = BigInt(await latestEventId(db()));
		const rows = await db()
			.selectFrom('event')
			.select(['id', 'type', 'boardId'])
			.where('id', '>', cursor.toString())
			.orderBy('id')
			.limit(BATCH)
			.execute();
		for (const row of rows) {
			const id = BigInt(row.id);
			if (id !== cursor + 1n) {
				// A gap: an earlier transaction may still commit. Wait for it, but not for ever.
				gapSince ??= Date.now();
				if (Date.now() - gapSince < GAP_WAIT_MS) return;
			}
			gapSince = undefined;
			publish(io, row);
			cursor = id;
		}
	}

	const timer = setInterval(() => {
		if (stopped) return;
		running = running.then(tick).catch((error) => {
			// The database may be restarting: the next tick tries again from the same cursor.
			console.error('Real-time publisher:', error instanceof Error ? error.message : error);
		});
	}, pollMs);
	timer.unref();

	return {
		async stop() {
			stopped = true;
			clearInterval(timer);
			await running;
		}
	};
}
