import { z } from './zod';

// Filters of the board, list and "my work" views. They live in the query string, so a filtered
// view can be shared as a link; anything unreadable is dropped rather than refused, as a filter
// that cannot be read simply does not filter.

export const DUE_FILTERS = ['overdue', 'week', 'none'] as const;
/**
 * How many cards of each column the board sends at first, and a list its rows: the first screen
 * and a little more. The rest come in steps as someone scrolls towards them (LoadMore), so a
 * 200-card board costs the server, the wire and the browser what its first screen needs.
 */
export const PER_COLUMN = 12;
export const MORE_PER_COLUMN = 50;
export const LIST_ROWS = 50;
export const MORE_ROWS = 200;
export const SORTS = ['position', 'title', 'due', 'priority', 'column', 'updated'] as const;

const id = z
	.string()
	.regex(/^\d{1,10}$/)
	.transform(Number)
	.pipe(
		z
			.number()
			.int()
			.min(1)
			.max(2 ** 31 - 1)
	);
const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const cardFilterSchema = z.object({
	goal: lenient(id),
	org: lenient(id),
	/** A person's id, or "me". */
	assignee: lenient(z.union([z.literal('me'), id])),
	label: lenient(z.string().trim().min(1).max(40)),
	due: lenient(z.enum(DUE_FILTERS)),
	q: lenient(z.string().trim().min(1).max(100)),
	/** The archive instead of the live cards (the list view shows it; a card there can be restored). */
	archived: z
		.literal('1')
		.optional()
		.catch(undefined)
		.transform((v) => v === '1'),
	/** How many cards each column of the board shows, and how many rows the list shows. */
	per: z.coerce.number().int().min(1).max(5000).catch(PER_COLUMN),
	rows: z.coerce.number().int().min(1).max(5000).catch(LIST_ROWS),
	view: z.enum(['board', 'list']).catch('board'),
	sort: z.enum(SORTS).catch('position'),
	dir: z.enum(['asc', 'desc']).catch('asc')
});

export type CardFilters = z.output<typeof cardFilterSchema>;

/** The filters of a URL's query string. */
export function parseCardFilters(params: URLSearchParams): CardFilters {
	return cardFilterSchema.parse(Object.fromEntries(params));
}

/** Whether any filter narrows the cards (the view and the order do not). */
export function isFiltered(filters: CardFilters): boolean {
	return !!(
		filters.goal ||
		filters.org ||
		filters.assignee ||
		filters.label ||
		filters.due ||
		filters.q
	);
}
