import type { EventType } from '$lib/events/catalogue';
import { cardFacts, type CardFacts } from '../auth/policy';
import type { Db } from '../db';
import { unreadCount } from '../notifications/service';
import { publicChanged, publicWatched, showsOnPublicPage } from './public-feed';
import { boardEvent, type EventRow } from './publisher';
import { findBoardStrategy } from './repository';
import type { Rooms } from './rooms';
import { socketsIn, type AppSocket, type RealtimeServer } from './types';
import { mayReceive } from './visibility';

// What the real-time server does with each committed event the publisher hands it, on this
// instance (every instance reads every event, so each serves its own sockets):
//
// - consumers of changes to a person: their sockets are re-checked (role, memberships) or
//   disconnected (account ended), whatever path made the change — a page, the CLI, a script;
// - fan-out: the event goes to the sockets of its board's, card's and strategy's rooms whose person
//   may be told of it (./visibility.ts), and to a person's own room as their unread count;
// - the public page's feed, when the change shows there.

const RECHECK_ON: ReadonlySet<string> = new Set<EventType>([
	'user.updated',
	'user.membership_added',
	'user.membership_changed',
	'user.membership_removed',
	'user.enabled'
]);
const DISCONNECT_ON: ReadonlySet<string> = new Set<EventType>([
	'user.disabled',
	'user.erased',
	'user.password_reset'
]);

export function fanOut(io: RealtimeServer, db: () => Db, rooms: Rooms) {
	const watched = (room: string) => io.sockets.adapter.rooms.has(room);
	/** Whether anyone on this instance watches a strategy's progress. */
	const strategyWatched = () =>
		[...io.sockets.adapter.rooms.keys()].some((room) => room.startsWith('strategy:'));

	/** Sends to the sockets of a room whose person may be told of the event. */
	function tell(
		room: string,
		row: EventRow,
		facts: CardFacts | undefined,
		send: (socket: AppSocket) => void
	) {
		for (const socket of socketsIn(io, room))
			if (mayReceive(socket.data.viewer, row, facts)) send(socket);
	}

	return async function publish(row: EventRow) {
		if (RECHECK_ON.has(row.type)) await rooms.recheckPerson(row.entityId);
		if (DISCONNECT_ON.has(row.type))
			for (const socket of socketsIn(io, `user:${row.entityId}`)) socket.disconnect(true);

		const boardRoom = row.boardId !== null ? `board:${row.boardId}` : null;
		const cardRoom = row.cardId !== null ? `card:${row.cardId}` : null;
		const anyone = [boardRoom, cardRoom].some((room) => room && watched(room)) || strategyWatched();
		// The card's facts are read once per event, and only when someone here may be told of it.
		const facts = row.cardId !== null && anyone ? await cardFacts(db(), row.cardId) : undefined;

		if (boardRoom) {
			const event = boardEvent({ ...row, boardId: row.boardId! });
			tell(boardRoom, row, facts, (socket) => socket.emit('board:changed', event));
			if (strategyWatched()) {
				const board = await findBoardStrategy(db(), row.boardId!);
				if (board) {
					const event = { id: row.id, strategyId: board.strategyId };
					tell(`strategy:${board.strategyId}`, row, facts, (socket) =>
						socket.emit('strategy:changed', event)
					);
				}
			}
		}
		if (cardRoom) {
			const event = { id: row.id, type: row.type, cardId: row.cardId! };
			tell(cardRoom, row, facts, (socket) => socket.emit('card:changed', event));
		}
		if (row.type.startsWith('notification.')) {
			const userId = (row.payload as { userId: number }).userId;
			if (watched(`user:${userId}`))
				io.local
					.to(`user:${userId}`)
					.emit('notifications:changed', { unread: await unreadCount(db(), userId) });
		}
		// After telling: those who saw the card before hear of the change, then leave its rooms.
		if (row.type === 'card.organizations_changed' && facts && row.boardId !== null)
			await rooms.recheckCard(row.cardId!, row.boardId, facts);
		// Asked only while someone reads the public page: a move may cost a look-up of its columns.
		if (publicWatched() && (await showsOnPublicPage(db(), row))) publicChanged();
	};
}
