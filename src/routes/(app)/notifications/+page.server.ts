import { recordId } from '$lib/schemas/common';
import { z } from '$lib/schemas/zod';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { listNotifications, markAllRead, markRead } from '$lib/server/notifications/service';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('app:notifications');
	return { notifications: await listNotifications(db(), requireUser(locals)) };
};

export const actions: Actions = {
	read: ({ request, locals }) =>
		formAction(request, z.object({ id: recordId }), async ({ id }) => {
			await markRead(db(), requireUser(locals), id);
			return { read: 1 };
		}),
	readAll: ({ request, locals }) =>
		formAction(request, z.object({}), async () => ({
			read: await markAllRead(db(), requireUser(locals))
		}))
};
