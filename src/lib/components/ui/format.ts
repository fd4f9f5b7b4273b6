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
const day = perLanguage(
	(tag) => new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' })
);
const number = perLanguage((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }));

/** A moment as people in Toruń read it, whatever the server's or browser's time zone. */
export function formatDateTime(value: Date | string): string {
	return dateTime().format(new Date(value));
}

/** A calendar day ('YYYY-MM-DD') as people read it; a day, so no time zone shifts it. */
export function formatDay(value: string): string {
	return day().format(new Date(`${value}T00:00:00Z`));
}

/** A number in the page's language (a decimal comma in Polish). */
export function formatNumber(value: number): string {
	return number().format(value);
}
