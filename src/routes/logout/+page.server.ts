import { redirect } from '@sveltejs/kit';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import { realtime } from '$lib/server/realtime/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.session) {
			await invalidateSession(db(), locals.session.id);
			// Its sockets end with it: they no longer see anything.
			await realtime()?.disconnect({ sessionId: locals.session.id });
		}
		deleteSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
