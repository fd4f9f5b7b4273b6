import { parseAuditFilters } from '$lib/schemas/audit';
import { listAuditEvents } from '$lib/server/audit/service';
import { db } from '$lib/server/db/app';
import { handleDomain } from '$lib/server/http';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = parseAuditFilters(url.searchParams);
	return {
		filters,
		...(await handleDomain(() => listAuditEvents(db(), requireUser(locals), filters)))
	};
};
