import { recordId } from '$lib/schemas/common';
import { z } from '$lib/schemas/zod';
import { db } from '$lib/server/db/app';
import { formAction } from '$lib/server/http';
import { listNotifications, markAllRead, markRead } from '$lib/server/notifications/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('app:notifications');
	return { notifications: await listNotifications(db(), locals.user!) };
};

export const actions: Actions = {
	read: ({ request, locals }) =>
		formAction(request, z.object({ id: recordId }), async ({ id }) => {
			await markRead(db(), locals.user!, id);
			return { read: 1 };
		}),
	readAll: ({ request, locals }) =>
		formAction(request, z.object({}), async () => ({ read: await markAllRead(db(), locals.user!) }))
};
