import { reportTables, toXlsx } from '$lib/server/monitoring/export';
import { fileName, reportOfRequest } from '$lib/server/monitoring/http';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// GET …/report/monitoring.xlsx?year=… (or from, to): the report as an Excel workbook.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const report = await reportOfRequest(requireUser(locals), params.slug, url.searchParams);
	const body = await toXlsx(report, reportTables(report));
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${fileName(report)}.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
