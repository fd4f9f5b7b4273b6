import { getLocale } from '$lib/paraglide/runtime';

/** A moment as people in Toruń read it, whatever the server's or browser's time zone. */
export function formatDateTime(value: Date | string): string {
	return new Date(value).toLocaleString(getLocale() === 'pl' ? 'pl-PL' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Warsaw'
	});
}

/** A number in the page's language (a decimal comma in Polish). */
export function formatNumber(value: number): string {
	return value.toLocaleString(getLocale() === 'pl' ? 'pl-PL' : 'en-GB', {
		maximumFractionDigits: 2
	});
}
