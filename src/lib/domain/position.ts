import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

// Order within a column by sortable keys (fractional indexing): a card moved between two others
// takes a key between theirs, so a move writes one row. Keys compare byte by byte (the database
// columns use collation "C"), which is what `<` on strings does in JavaScript too.

/** A key that sorts after `before` and before `after` (null: the start or end of the list). */
export function positionBetween(before: string | null, after: string | null): string {
	return generateKeyBetween(before, after);
}

/** `n` increasing keys after `after` (null: from the start), for seeding or renumbering. */
export function positionsAfter(after: string | null, n: number): string[] {
	return generateNKeysBetween(after, null, n);
}

export function comparePositions(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
