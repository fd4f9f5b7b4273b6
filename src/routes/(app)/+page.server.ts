import { db } from '$lib/server/db/app';
import { requireUser } from '$lib/server/auth/guard';
import { deskPage } from '$lib/server/pages/desk';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
	// A new notice (a mention, a report to review) reloads the desk like the bell.
	depends('app:notifications');
	return { desk: await deskPage(db(), requireUser(locals)) };
};
