import { db } from '$lib/server/db/app';
import { myReports } from '$lib/server/reports/service';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals }) => ({
	reports: await myReports(db(), requireUser(locals))
});
