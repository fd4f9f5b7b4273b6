import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/redirect';
import { themeSchema } from '$lib/schemas/theme';
import { formAction } from '$lib/server/http';
import { setThemeCookie } from '$lib/server/theme';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// The theme switch: a plain form post, so it works without JavaScript (with it, the page changes
// at once and this only keeps the choice). Kept in a cookie, read on the server for the first paint.
export const actions: Actions = {
	default: ({ request, cookies }) =>
		formAction(request, themeSchema, async ({ theme, redirectTo }) => {
			setThemeCookie(cookies, theme);
			redirect(303, safeRedirect(redirectTo));
		})
};
