import { reportOfRequest } from '$lib/server/monitoring/http';
import { reportTables } from '$lib/server/monitoring/export';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const report = await reportOfRequest(requireUser(locals), params.slug, url.searchParams);
	return { report, tables: reportTables(report), query: url.search };
};
