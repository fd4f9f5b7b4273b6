import { SHADOW_ITEM_MARKER_PROPERTY_NAME } from 'svelte-dnd-action';

// The board's columns as the drag-and-drop library sees them: one list of cards per column.
//
// While a card is dragged, the library keeps a placeholder of it (its "shadow", with the card's
// id) in the list it is over, and hands each list back in `consider` and `finalize` events. If the
// lists change under it meanwhile (the board reloads after someone else's move), it inserts the
// shadow into a list that may hold the card itself again: the card was then twice in one list (a
// keyed each block throws) or in two columns. So a list handed back replaces its column's list
// through `placeItems`, which keeps each card once across the board, and the board holds the
// lists of a pointer drag until its move is saved (see Board.svelte).

export type Zones<T> = Record<number, T[]>;

/** The placeholder of the dragged card, as the library marks it. */
export function isShadow(item: object): boolean {
	return !!(item as Record<string, unknown>)[SHADOW_ITEM_MARKER_PROPERTY_NAME];
}

/**
 * The lists with `columnId`'s replaced by `items`, each card once: within the list the shadow of
 * a card wins over the card (it is where the card is going), else the first; the cards of the
 * list leave every other column (a card is in one place).
 */
export function placeItems<T extends { id: unknown }>(
	zones: Zones<T>,
	columnId: number,
	items: readonly T[]
): Zones<T> {
	const shadows = new Set(items.filter(isShadow).map((item) => item.id));
	const here = new Set<unknown>();
	const list = items.filter((item) => {
		if (here.has(item.id) || (shadows.has(item.id) && !isShadow(item))) return false;
		here.add(item.id);
		return true;
	});
	const next: Zones<T> = {};
	for (const [key, other] of Object.entries(zones)) {
		// A list that keeps all its cards stays the same array: its zone has nothing to redo.
		next[Number(key)] = other.some((item) => here.has(item.id))
			? other.filter((item) => !here.has(item.id))
			: other;
	}
	next[columnId] = list;
	return next;
}
