import { byName } from '$lib/domain/names';
import type { Presence } from '$lib/realtime/events';
import type { RealtimeServer } from './types';

// Who is looking at a board or a card, told to the room (across instances, through the adapter).
// A room's presence is sent once per PRESENCE_BATCH_MS however many join or leave meanwhile:
// otherwise N people arriving at once (a reconnect after a deploy) cost N² messages.

const PRESENCE_BATCH_MS = 250;

export interface PresenceSender {
	/** Sends the room's presence soon (boards and cards only; other rooms are ignored). */
	later(room: string): void;
	close(): void;
}

export function presenceOf(io: RealtimeServer): PresenceSender {
	let closing = false;
	const pending = new Set<string>();

	async function send(room: string) {
		const sockets = await io.in(room).fetchSockets();
		const people = new Map<number, string>();
		for (const s of sockets) people.set(s.data.viewer.id, s.data.name);
		const presence: Presence = {
			room,
			people: [...people].map(([id, name]) => ({ id, name })).sort(byName)
		};
		io.to(room).emit('presence', presence);
	}

	return {
		later(room) {
			const shown = room.startsWith('board:') || room.startsWith('card:');
			if (closing || !shown || pending.has(room)) return;
			pending.add(room);
			setTimeout(() => {
				pending.delete(room);
				if (!closing) void send(room).catch((error) => console.error('Presence:', error.message));
			}, PRESENCE_BATCH_MS).unref();
		},
		close() {
			closing = true;
		}
	};
}
