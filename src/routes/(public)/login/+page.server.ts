import { fail, redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/redirect';
import { loginSchema } from '$lib/schemas/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { signIn } from '$lib/server/auth/login';
import { invalidateSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { setLocaleCookie } from '$lib/server/locale';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo'), '') };
};

export const actions: Actions = {
	default: ({ request, cookies, url, locals, getClientAddress }) =>
		formAction(request, loginSchema, async (input) => {
			const result = await signIn(db(), { ...input, address: getClientAddress() });
			if (!result.ok) {
				return fail(400, { message: m.login_failed(), values: { email: input.email } });
			}
			// The session this browser had before ends: a token known before sign-in is worth
			// nothing after it (session fixation), whoever signed in with it.
			if (locals.session) await invalidateSession(db(), locals.session.id);
			setSessionCookie(cookies, url, result.token, result.session.expiresAt);
			// The language chosen on the account follows the person to every browser.
			if (result.locale) setLocaleCookie(cookies, result.locale);
			redirect(303, safeRedirect(input.redirectTo));
		})
};
