import type { Cookies } from '@sveltejs/kit';
import { THEMES, type Theme } from '$lib/schemas/theme';

export const THEME_COOKIE = 'theme';

/** The theme kept in the cookie, or `system` when there is none (or it is not one of ours). */
export function readTheme(cookies: Cookies): Theme {
	const value = cookies.get(THEME_COOKIE);
	return (THEMES as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}

/** A year: the choice is a preference of the device, not of the session. */
export function setThemeCookie(cookies: Cookies, theme: Theme) {
	cookies.set(THEME_COOKIE, theme, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		httpOnly: false,
		sameSite: 'lax'
	});
}

/**
 * What goes into the page before its first paint: `data-theme` on `<html>` (the style sheet
 * reads it) and the `color-scheme` meta, so even the canvas before the style sheet loads has
 * the right colour.
 */
export function themeAttributes(theme: Theme) {
	return { theme, colorScheme: theme === 'system' ? 'light dark' : theme };
}
