import type { Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';

export type Locale = 'pl' | 'en';

/** Keeps the chosen language in Paraglide's cookie, which decides the language of every page. */
export function setLocaleCookie(cookies: Cookies, locale: Locale) {
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		// Paraglide's client runtime reads it too.
		httpOnly: false,
		sameSite: 'lax'
	});
}
