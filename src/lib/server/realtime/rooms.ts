import {
	boardRoomRequest,
	cardRoomRequest,
	strategyRoomRequest,
	type JoinAnswer
} from '$lib/realtime/events';
import { can, loadViewer, type CardFacts, type Viewer } from '../auth/policy';
import { boardFor } from '../boards/service';
import { visibleCard } from '../cards/service';
import type { Db } from '../db';
import { NotFoundError } from '../errors';
import type { PresenceSender } from './presence';
import { findEnabledUser, latestEventId, strategyExists } from './repository';
import { socketsIn, type AppSocket, type RealtimeServer } from './types';

// The rooms a socket may be in: `board:<id>`, `card:<id>` and `strategy:<id>`, joined only when
// the same access rules as HTTP let its person see the board or card; and the re-checks that take
// a socket out of rooms its person may no longer see.

const ROOM_REQUESTS = {
	board: boardRoomRequest.transform((r) => r.boardId),
	card: cardRoomRequest.transform((r) => r.cardId),
	strategy: strategyRoomRequest.transform((r) => r.strategyId)
};
type RoomKind = keyof typeof ROOM_REQUESTS;

/** The room a join or leave message names, or null when it names none properly. */
function roomOf(kind: RoomKind, request: unknown): string | null {
	const parsed = ROOM_REQUESTS[kind].safeParse(request);
	return parsed.success ? `${kind}:${parsed.data}` : null;
}

/** The person as they are now (role, memberships), or null when they may no longer sign in. */
async function currentViewer(db: Db, userId: number): Promise<Viewer | null> {
	const user = await findEnabledUser(db, userId);
	return user ? loadViewer(db, user) : null;
}

/** Whether the viewer may be in a `board:<id>`, `card:<id>` or `strategy:<id>` room. */
async function maySee(db: Db, viewer: Viewer, room: string): Promise<boolean> {
	const [kind, raw] = room.split(':');
	const id = Number(raw);
	try {
		if (kind === 'board') await boardFor(db, viewer, id);
		else if (kind === 'card') await visibleCard(db, viewer, id);
		// Strategies and their goals are open to everyone signed in; progress is counted per person.
		else if (kind === 'strategy') return await strategyExists(db, id);
		return true;
	} catch (error) {
		if (error instanceof NotFoundError) return false;
		throw error;
	}
}

const isWatchedRoom = (room: string) => room.startsWith('board:') || room.startsWith('card:');

export function roomsOf(io: RealtimeServer, db: () => Db, presence: PresenceSender) {
	async function join(socket: AppSocket, room: string): Promise<JoinAnswer> {
		// The person as they are now: a membership may have changed since the socket opened.
		const viewer = await currentViewer(db(), socket.data.viewer.id);
		if (!viewer || !(await maySee(db(), viewer, room))) return { ok: false, error: 'not_found' };
		socket.data.viewer = viewer;
		await socket.join(room);
		presence.later(room);
		return { ok: true, lastEventId: await latestEventId(db()) };
	}

	async function leaveUnseen(socket: AppSocket, viewer: Viewer) {
		for (const room of [...socket.rooms]) {
			if (!isWatchedRoom(room) || (await maySee(db(), viewer, room))) continue;
			await socket.leave(room);
			presence.later(room);
		}
	}

	return {
		/** The join and leave messages of a new socket. */
		listen(socket: AppSocket) {
			for (const kind of Object.keys(ROOM_REQUESTS) as RoomKind[]) {
				socket.on(`${kind}:join`, async (request: unknown, answer: unknown) => {
					const reply = typeof answer === 'function' ? answer : () => {};
					const room = roomOf(kind, request);
					if (!room) return reply({ ok: false, error: 'invalid' } satisfies JoinAnswer);
					reply(await join(socket, room).catch(() => ({ ok: false, error: 'not_found' }) as const));
				});
				socket.on(`${kind}:leave`, async (request: unknown) => {
					const room = roomOf(kind, request);
					if (!room || !socket.rooms.has(room)) return;
					await socket.leave(room);
					presence.later(room);
				});
			}
			socket.on('disconnecting', () => {
				const rooms = [...socket.rooms].filter(isWatchedRoom);
				// After the socket has left them.
				setImmediate(() => rooms.forEach(presence.later));
			});
		},

		/**
		 * Takes a person's sockets on this instance out of the rooms they may no longer see, and
		 * refreshes the person they act as (role, memberships), by which their events are filtered;
		 * disconnects them when the person may no longer sign in.
		 */
		async recheckPerson(userId: number) {
			const sockets = socketsIn(io, `user:${userId}`);
			if (sockets.length === 0) return;
			const viewer = await currentViewer(db(), userId);
			for (const socket of sockets) {
				if (!viewer) {
					socket.disconnect(true);
					continue;
				}
				socket.data.viewer = viewer;
				await leaveUnseen(socket, viewer);
			}
		},

		/** A card's organisations changed: who no longer sees it leaves its room (and maybe its board's). */
		async recheckCard(cardId: number, boardId: number, facts: CardFacts) {
			const rooms = [`card:${cardId}`, `board:${boardId}`];
			for (const socket of new Set(rooms.flatMap((room) => socketsIn(io, room)))) {
				if (can.seeCard(socket.data.viewer, facts)) continue;
				await leaveUnseen(socket, socket.data.viewer);
			}
		}
	};
}

export type Rooms = ReturnType<typeof roomsOf>;
