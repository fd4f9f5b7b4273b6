import { parseCycleFilter } from '$lib/schemas/cycles';
import { requireUser } from '$lib/server/auth/guard';
import { cycleXlsx } from '$lib/server/cycles/export';
import { cycleForExport } from '$lib/server/cycles/service';
import { db } from '$lib/server/db/app';
import { handleDomain, idOr404 } from '$lib/server/http';
import type { RequestHandler } from './$types';

// GET …/cycles/<id>/cycle.xlsx?organization=…&state=…: the cycle's table as an Excel workbook.
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const id = idOr404(params.id);
	const page = await handleDomain(() =>
		cycleForExport(db(), requireUser(locals), params.slug, id, parseCycleFilter(url.searchParams))
	);
	const body = await cycleXlsx(page);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="cykl-${page.strategy.slug}-${page.cycle.id}.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
