import { typedEvent, type EventType } from '$lib/events/catalogue';
import type { Db } from '../db';
import type { EventRow } from './publisher';
import { isCardPublic, listColumnStatuses } from './repository';

// The public progress page's live feed: the real-time server calls `publicChanged()` for every
// published event that changes what the page shows, and the page's Server-Sent Events stream
// tells its readers to reload. The sockets stay for signed-in people only; this carries no content
// at all, and is silent about what the page does not show (comments, reports, people, moves within
// a status), so its timing tells nothing about them. Kept on globalThis, as in development the
// real-time server and the app load their own copies of this module.

type Listener = () => void;
const KEY = Symbol.for('torun.publicFeed');
const holder = globalThis as { [KEY]?: Set<Listener> };
const listeners = (holder[KEY] ??= new Set());

/** Whether anyone on this instance has the public page open (else its feed need not be asked). */
export function publicWatched(): boolean {
	return listeners.size > 0;
}

export function publicChanged() {
	for (const listener of listeners) listener();
}

export function onPublicChange(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Changes that always alter the page: the goal tree, indicators, which cards count. */
const ALWAYS: ReadonlySet<string> = new Set<EventType>([
	'goal.created',
	'goal.updated',
	'goal.moved',
	'goal.deleted',
	'indicator.created',
	'indicator.value_added',
	'card.created',
	'card.archived',
	'card.restored',
	'column.updated',
	'column.removed',
	'board.strategy_changed',
	'report.accepted'
]);
/** A public card shows these fields (and its lead organisation); every card counts by its goal. */
const SHOWN_FIELDS = ['title', 'startDate', 'dueDate'];

/** Whether an event changes what the public page shows. */
export async function showsOnPublicPage(db: Db, row: EventRow): Promise<boolean> {
	if (ALWAYS.has(row.type)) return true;
	const event = typedEvent(row);
	switch (event?.type) {
		case 'card.moved': {
			// Progress counts by status: a move between columns of one status changes nothing shown.
			const { fromColumnId, toColumnId } = event.payload;
			const statuses = await listColumnStatuses(db, [fromColumnId, toColumnId]);
			return statuses.length > 1;
		}
		case 'card.updated': {
			const { changed } = event.payload;
			if (changed.includes('goalId') || changed.includes('isPublic')) return true;
			return changed.some((f) => SHOWN_FIELDS.includes(f)) && (await isPublic(db, row.cardId));
		}
		case 'card.organizations_changed':
			return isPublic(db, row.cardId);
		default:
			return false;
	}
}

async function isPublic(db: Db, cardId: number | null): Promise<boolean> {
	if (cardId === null) return false;
	return isCardPublic(db, cardId);
}
