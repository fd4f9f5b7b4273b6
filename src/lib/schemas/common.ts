import { m } from '$lib/paraglide/messages';
import { z } from './zod';

// Building blocks every form and URL shares.

const MAX_ID = 2 ** 31 - 1;

/**
 * A row id from a form field or a URL segment. Digits only: `z.coerce` would also take '1e3',
 * '0x1f' or ' 7.0', which no link of ours ever produces.
 */
export const recordId = z
	.string()
	.trim()
	.min(1, { abort: true })
	.regex(/^\d{1,10}$/)
	.transform(Number)
	.pipe(z.number().int().min(1).max(MAX_ID));

const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * An event id (bigint) from a query string, kept as text: digits only, 0 up to PostgreSQL's
 * largest bigint. A larger one would fail in the query (a 500) instead of being refused.
 */
export const eventCursor = z
	.string()
	.regex(/^\d{1,19}$/, { abort: true })
	.refine((v) => BigInt(v) <= MAX_BIGINT);

/** A select whose empty option means "none". */
export const optionalId = z.preprocess((v) => (v === '' ? undefined : v), recordId.optional());

/**
 * A day of the calendar as YYYY-MM-DD (what a date input sends). Date.parse alone takes
 * 2026-02-31 (as 3 March) and year 0, which PostgreSQL refuses: the day must read back the same.
 */
export const isoDate = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.error_date() })
	.refine(isCalendarDay, { error: () => m.error_date() });

function isCalendarDay(value: string): boolean {
	const day = new Date(`${value}T00:00:00Z`);
	return (
		!Number.isNaN(day.getTime()) &&
		day.getUTCFullYear() >= 1 &&
		day.toISOString().slice(0, 10) === value
	);
}
/** A date field that may stay empty (null). */
export const optionalDate = z
	.union([isoDate, z.literal('')])
	.optional()
	.transform((v) => (v ? v : null));

/**
 * A list with each value once: the first of those that `keyOf` says are the same is kept, as it
 * was typed. Every list a person sends is merged this way, since a value twice means nothing more
 * than once, and the pages show each value by what it is.
 */
export function uniqueBy<T>(values: readonly T[], keyOf: (value: T) => unknown = (v) => v): T[] {
	const seen = new Set<unknown>();
	return values.filter((value) => {
		const key = keyOf(value);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
