import { io as connect, type Socket } from 'socket.io-client';
import type { BoardEvent, CatchUp, JoinAnswer } from '../../src/lib/realtime/events';
import { BoardFeed } from '../../src/lib/realtime/feed';
import type { Db } from '../../src/lib/server/db';

// A client following a board as the board page does, over a real socket.io connection: it keeps
// its own picture of where each card is, applies the board's events through the app's feed
// (src/lib/realtime/feed.ts), catches up after a reconnect, and reloads when told to. It counts
// how often each event was applied and how often it reloaded, for the tests to check.

export type Place = { columnId: number; position: string; version: number };

/** Where the database has each card of a board. */
export async function boardPlaces(db: Db, boardId: number): Promise<Map<number, Place>> {
	const rows = await db
		.selectFrom('card')
		.select(['id', 'columnId', 'position', 'version'])
		.where('boardId', '=', boardId)
		.execute();
	return new Map(rows.map(({ id, ...place }) => [id, place]));
}

export interface FollowOptions {
	origin: string;
	/** The session token of the person following. */
	token: string;
	boardId: number;
	/** The event id the first picture is known up to, and the picture (read after it). */
	after: string;
	places: Map<number, Place>;
	fetchSince(after: string): Promise<CatchUp>;
	/** The board as a reload reads it. */
	load(): Promise<Map<number, Place>>;
	reconnection: boolean;
}

export type Follower = Awaited<ReturnType<typeof followBoard>>;

export async function followBoard(options: FollowOptions) {
	const { places } = options;
	const applied = new Map<string, number>();
	let reloads = 0;
	const feed = new BoardFeed({
		after: options.after,
		fetchSince: options.fetchSince,
		apply(event) {
			applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
			const place = event.cardId === null ? undefined : places.get(event.cardId);
			if (event.move && place && place.version < event.move.version)
				places.set(event.cardId!, { ...event.move });
		},
		async reload() {
			const loaded = await options.load();
			places.clear();
			for (const [id, place] of loaded) places.set(id, place);
			// Counted once done: a test waiting for a reload then sees its result.
			reloads++;
		}
	});
	const socket: Socket = connect(options.origin, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: options.reconnection,
		reconnectionDelay: 100,
		reconnectionDelayMax: 200,
		extraHeaders: { origin: options.origin, cookie: `session=${options.token}` }
	});
	let joins = 0;
	socket.on('connect', async () => {
		const answer = (await socket.emitWithAck('board:join', {
			boardId: options.boardId
		})) as JoinAnswer;
		if (!answer.ok) throw new Error('join refused');
		if (joins++ > 0) await feed.catchUp();
	});
	socket.on('disconnect', () => feed.pause());
	socket.on('board:changed', (event: BoardEvent) => feed.receive(event));
	await waitFor(() => joins > 0);
	return {
		socket,
		feed,
		places,
		applied,
		joined: () => joins,
		reloads: () => reloads,
		/** Whether some event was applied more than once. */
		appliedTwice: () => [...applied.values()].some((times) => times > 1)
	};
}

/** Waits until `condition` holds, checking every 20 ms; throws after `ms`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, ms = 5000) {
	const until = Date.now() + ms;
	while (!(await condition())) {
		if (Date.now() > until) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** Waits until the follower's picture has every card where `truth` says (or `ms` passes). */
export async function waitInStep(
	follower: Follower,
	truth: () => Promise<Map<number, Place>>,
	ms = 5000
) {
	await waitFor(async () => {
		const now = await truth();
		return [...now].every(([id, place]) => {
			const mine = follower.places.get(id);
			return mine?.columnId === place.columnId && mine.version === place.version;
		});
	}, ms).catch(() => {
		// The caller's comparison shows what differs.
	});
}
