import { SHADOW_ITEM_MARKER_PROPERTY_NAME } from 'svelte-dnd-action';
import { describe, expect, it } from 'vitest';
import { placeItems, type Zones } from './zones';

// What svelte-dnd-action does during a drag, step by step, and a reload from the server in the
// middle of it: each card must stay in one list, once.

type Card = { id: number | string; [SHADOW_ITEM_MARKER_PROPERTY_NAME]?: boolean };
const card = (id: number): Card => ({ id });
const shadowOf = (c: Card): Card => ({ ...c, [SHADOW_ITEM_MARKER_PROPERTY_NAME]: true });
const ids = (zones: Zones<Card>) =>
	Object.fromEntries(
		Object.entries(zones).map(([col, list]) => [
			col,
			list.map((c) => (c[SHADOW_ITEM_MARKER_PROPERTY_NAME] ? `~${c.id}` : c.id))
		])
	);

/** The library's "dragged over index": the shadow taken out of the list and put in at `index`. */
function overIndex(list: Card[], shadow: Card, index: number): Card[] {
	const items = list.filter((c) => !c[SHADOW_ITEM_MARKER_PROPERTY_NAME]);
	items.splice(index, 0, shadow);
	return items;
}

describe('a remote move during a local drag', () => {
	// Column 1 holds cards 1, 2, 3; card 2 is dragged; someone moves card 3 to column 2 meanwhile.
	const server = (): Zones<Card> => ({ 1: [card(1), card(2), card(3)], 2: [card(4)] });
	const afterRemoteMove = (): Zones<Card> => ({ 1: [card(1), card(2)], 2: [card(3), card(4)] });
	const shadow = shadowOf(card(2));

	it('was a card twice in its column when the reloaded list met the shadow', () => {
		// The board as it was: the library's list replaced its column's list as handed back.
		const replace = (zones: Zones<Card>, col: number, items: Card[]) => ({
			...zones,
			[col]: items
		});
		let zones = replace(server(), 1, [card(1), shadow, card(3)]);
		zones = afterRemoteMove(); // the reload: the server's lists, card 2 back in column 1
		zones = replace(zones, 1, overIndex(zones[1]!, shadow, 0));
		expect(ids(zones)[1]).toEqual(['~2', 1, 2]);
	});

	it('keeps each card once, the shadow where the card is going', () => {
		let zones = placeItems(server(), 1, [card(1), shadow, card(3)]);
		zones = afterRemoteMove();
		zones = placeItems(zones, 1, overIndex(zones[1]!, shadow, 0));
		expect(ids(zones)).toEqual({ 1: ['~2', 1], 2: [3, 4] });
		// Dropped: the library hands the list back with the card in the shadow's place.
		zones = placeItems(
			zones,
			1,
			zones[1]!.map((c) => (c[SHADOW_ITEM_MARKER_PROPERTY_NAME] ? card(2) : c))
		);
		expect(ids(zones)).toEqual({ 1: [2, 1], 2: [3, 4] });
	});

	it('takes a card out of the column it was in when another list holds it', () => {
		// Dragged into column 2 while a reload put it back into column 1.
		const zones = placeItems(afterRemoteMove(), 2, [card(3), shadow, card(4)]);
		expect(ids(zones)).toEqual({ 1: [1], 2: [3, '~2', 4] });
		const dropped = placeItems(zones, 2, [card(3), card(2), card(4)]);
		expect(ids(dropped)).toEqual({ 1: [1], 2: [3, 2, 4] });
	});

	it('keeps the first of a card listed twice, and leaves other lists as they were', () => {
		const before = server();
		const zones = placeItems(before, 2, [card(4), card(5), card(4)]);
		expect(ids(zones)).toEqual({ 1: [1, 2, 3], 2: [4, 5] });
		expect(zones[1]).toBe(before[1]);
	});

	it("leaves the placeholder's own id alone before the library gives it the card's", () => {
		const placeholder = shadowOf({ id: 'id:dnd-shadow-placeholder-0000' });
		const zones = placeItems(server(), 1, [card(1), placeholder, card(3)]);
		expect(ids(zones)).toEqual({ 1: [1, '~id:dnd-shadow-placeholder-0000', 3], 2: [4] });
	});
});
