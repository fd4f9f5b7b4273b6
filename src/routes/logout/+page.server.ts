import { redirect } from '@sveltejs/kit';
import { z } from '$lib/schemas/zod';
import { deleteSessionCookie } from '$lib/server/auth/cookie';
import { invalidateSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { realtime } from '$lib/server/realtime/app';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// The form has no fields, but it is read like every other: a body no form of ours sends (of
// another type, unreadable, with a NUL) is refused and signs no one out.
export const actions: Actions = {
	default: ({ request, locals, cookies, url }) =>
		formAction(request, z.object({}), async () => {
			if (locals.session) {
				await invalidateSession(db(), locals.session.id);
				// Its sockets end with it: they no longer see anything.
				await realtime()?.disconnect({ sessionId: locals.session.id });
			}
			deleteSessionCookie(cookies, url);
			redirect(303, '/login');
		})
};
