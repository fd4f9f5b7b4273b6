import { db } from '$lib/server/db/app';
import { myReports } from '$lib/server/reports/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	reports: await myReports(db(), locals.user!)
});
