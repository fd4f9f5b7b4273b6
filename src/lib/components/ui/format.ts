import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

// Making an Intl formatter costs tens of microseconds (toLocaleString with options makes a new one
// at every call), and a page formats hundreds of values: one formatter of each kind per language.
function perLanguage<T>(make: (tag: string) => T): () => T {
	const made = new Map<string, T>();
	return () => {
		const locale = getLocale();
		let formatter = made.get(locale);
		if (!formatter) made.set(locale, (formatter = make(locale === 'pl' ? 'pl-PL' : 'en-GB')));
		return formatter;
	};
}

const dateTime = perLanguage(
	(tag) =>
		new Intl.DateTimeFormat(tag, {
			dateStyle: 'medium',
			timeStyle: 'short',
			timeZone: 'Europe/Warsaw'
		})
);
// One date style everywhere: "9 gru 2026" / "9 Dec 2026".
const day = perLanguage(
	(tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' })
);
// The same without the year, for a change within one year ("9 gru → 16 gru 2026").
const dayInYear = perLanguage(
	(tag) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' })
);
// A deadline in a sentence: "31 stycznia 2027" / "31 January 2027".
const longDay = perLanguage(
	(tag) =>
		new Intl.DateTimeFormat(tag, {
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'UTC'
		})
);
const month = perLanguage(
	(tag) => new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' })
);
const relative = perLanguage((tag) => new Intl.RelativeTimeFormat(tag, { numeric: 'auto' }));
const number = perLanguage((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }));

/** Days near enough to say in words ("jutro", "za 3 dni") rather than as a date. */
const NEAR_DAYS = 7;
/** A due day this close, and not yet passed, is "soon". */
const SOON_DAYS = 7;

const DAY_MS = 86_400_000;

function dayDate(value: string): Date {
	return new Date(`${value.slice(0, 10)}T00:00:00Z`);
}

/** Whole days from `from` to `to`, both 'YYYY-MM-DD' (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return Math.round((dayDate(to).getTime() - dayDate(from).getTime()) / DAY_MS);
}

// en-CA writes dates as YYYY-MM-DD. Made once: a board asks for today once per tile.
const torunDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' });

/** Today in Toruń, as 'YYYY-MM-DD' (the form dates travel in), whatever the machine's zone. */
export function todayInTorun(now: Date = new Date()): string {
	return torunDay.format(now);
}

/** A moment as people in Toruń read it, whatever the server's or browser's time zone. */
export function formatDateTime(value: Date | string): string {
	return dateTime().format(new Date(value));
}

/** A calendar day ('YYYY-MM-DD') as people read it; a day, so no time zone shifts it. */
export function formatDay(value: string): string {
	return day().format(dayDate(value));
}

/** A calendar day with its month in words, for a sentence: "31 stycznia 2027". */
export function formatLongDay(value: string): string {
	return longDay().format(dayDate(value));
}

/** A month ('YYYY-MM') as people read it: "sty 2026", "Jan 2026". */
export function formatMonth(value: string): string {
	return month().format(new Date(`${value.slice(0, 7)}-01T00:00:00Z`));
}

/** A calendar day without its year ("9 gru"), for a pair whose second half carries the year. */
export function formatDayInYear(value: string): string {
	return dayInYear().format(dayDate(value));
}

/**
 * A change of day as "9 gru → 16 gru 2026": the first day drops its year when both share one.
 * Either side may be empty (a date set or cleared).
 */
export function formatDayChange(from: string | null, to: string | null): string {
	const none = m.words_no_date();
	const before = !from
		? none
		: to && from.slice(0, 4) === to.slice(0, 4)
			? formatDayInYear(from)
			: formatDay(from);
	return `${before} → ${to ? formatDay(to) : none}`;
}

/**
 * A near day in words ("dzisiaj", "jutro", "wczoraj", "za 3 dni", "3 dni temu") within a week of
 * `today`; a farther day as its date. `today` is a parameter so that the page and its tests say
 * which day it is.
 */
export function formatRelativeDay(value: string, today: string = todayInTorun()): string {
	const days = daysBetween(today, value);
	if (Math.abs(days) > NEAR_DAYS) return formatDay(value);
	return relative().format(days, 'day');
}

/**
 * A due day with how near it is, when it is near: "jutro, 10 gru 2026", "3 dni temu, 6 gru 2026";
 * a farther one as its date alone.
 */
export function formatDueDay(value: string, today: string = todayInTorun()): string {
	const near = formatRelativeDay(value, today);
	const date = formatDay(value);
	return near === date ? date : `${near}, ${date}`;
}

/**
 * A span of days. An empty or half-open span says so ("bez dat", "od 9 gru 2026", "do …") rather
 * than showing dashes; a closed one shares what both ends share ("9–16 gru 2026").
 */
export function formatDayRange(from: string | null, to: string | null): string {
	if (from && to) return day().formatRange(dayDate(from), dayDate(to));
	if (from) return m.words_range_from({ date: formatDay(from) });
	if (to) return m.words_range_to({ date: formatDay(to) });
	return m.words_range_none();
}

export type DueState = 'overdue' | 'soon' | 'later' | 'done' | 'none';

/**
 * Where a due day stands on `today`: passed and not done, within a week, later, done (whatever the
 * day), or no day at all.
 */
export function dueState(due: string | null, done: boolean, today: string): DueState {
	if (done) return 'done';
	if (!due) return 'none';
	const days = daysBetween(today, due);
	if (days < 0) return 'overdue';
	return days <= SOON_DAYS ? 'soon' : 'later';
}

/** A number in the page's language (a decimal comma in Polish). */
export function formatNumber(value: number): string {
	return number().format(value);
}
