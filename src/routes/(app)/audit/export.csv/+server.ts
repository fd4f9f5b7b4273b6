import { parseAuditFilters } from '$lib/schemas/audit';
import { auditCsv } from '$lib/server/audit/service';
import { db } from '$lib/server/db/app';
import { handleDomain } from '$lib/server/http';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// GET /audit/export.csv?…filters: the audit log as it is filtered on its page.
export const GET: RequestHandler = async ({ locals, url }) => {
	const csv = await handleDomain(() =>
		auditCsv(db(), requireUser(locals), parseAuditFilters(url.searchParams))
	);
	const day = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="dziennik-zdarzen-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
