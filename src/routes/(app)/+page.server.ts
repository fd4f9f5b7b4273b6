import { db } from '$lib/server/db/app';
import { listMemberships } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	memberships: await listMemberships(db(), locals.user!.id)
});
