import { error } from '@sveltejs/kit';
import { reportTables, toCsv } from '$lib/server/monitoring/export';
import { fileName, reportOfRequest } from '$lib/server/monitoring/http';
import { translate } from '$lib/server/http';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// GET …/report/goals.csv (cards, activities, indicators): one table of the report as CSV.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const report = await reportOfRequest(requireUser(locals), params.slug, url.searchParams);
	const table = reportTables(report).find((t) => t.key === params.table);
	if (!table) error(404, translate('error_not_found'));
	return new Response(toCsv(table), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName(report)}-${table.key}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
