import { db } from '$lib/server/db/app';
import { listMemberships } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals }) => ({
	memberships: await listMemberships(db(), requireUser(locals).id)
});
