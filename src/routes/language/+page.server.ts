import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/redirect';
import { languageSchema } from '$lib/schemas/auth';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { setLocaleCookie } from '$lib/server/locale';
import { setUserLocale } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// The language switch: a plain form post, so it works without JavaScript. The choice is kept in
// Paraglide's cookie and, for a signed-in person, on their account.
export const actions: Actions = {
	default: ({ request, cookies, locals }) =>
		formAction(request, languageSchema, async ({ locale, redirectTo }) => {
			setLocaleCookie(cookies, locale);
			if (locals.user) await setUserLocale(db(), locals.user.id, locale);
			redirect(303, safeRedirect(redirectTo));
		})
};
