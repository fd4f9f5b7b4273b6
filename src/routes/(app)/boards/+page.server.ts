import { db } from '$lib/server/db/app';
import { listBoards } from '$lib/server/boards/service';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals }) => ({
	boards: await listBoards(db(), requireUser(locals))
});
