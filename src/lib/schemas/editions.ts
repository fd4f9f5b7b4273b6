import { recordId, uniqueBy } from './common';
import { z } from './zod';

// The re-link's confirm form: what its preview showed, so that the server can refuse it when
// anything changed since. A form sends one value of a repeated field as a string, several as an
// array and none at all as nothing (see formValues), so every shape becomes a list, each value
// once (the same card twice with two targets stays twice, and the server refuses it as changed).

const MAX_ITEMS = 10_000;

const listOf = <T extends z.ZodType>(item: T) =>
	z
		.preprocess(
			(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
			z.array(item).max(MAX_ITEMS)
		)
		// Compared as read (ids, stamps of ids): '07' and '7' are one board.
		.transform((list) => uniqueBy(list, (value) => JSON.stringify(value)));

/** A previewed card as `id:version:targetGoalId`, the target 0 when the link is to be removed. */
export const relinkStamp = z
	.string()
	.regex(/^\d{1,10}:\d{1,10}:\d{1,10}$/)
	.transform((v) => v.split(':').map(Number) as [number, number, number])
	.pipe(
		z.tuple([
			z
				.number()
				.int()
				.min(1)
				.max(2 ** 31 - 1),
			z
				.number()
				.int()
				.min(1)
				.max(2 ** 31 - 1),
			z
				.number()
				.int()
				.min(0)
				.max(2 ** 31 - 1)
		])
	);

export const relinkSchema = z.object({
	boards: listOf(recordId),
	cards: listOf(relinkStamp)
});

export type RelinkInput = z.output<typeof relinkSchema>;

/** The stamp of a previewed card, as the confirm form carries it. */
export function relinkStampOf(card: { id: number; version: number; to: { id: number } | null }) {
	return `${card.id}:${card.version}:${card.to?.id ?? 0}`;
}
