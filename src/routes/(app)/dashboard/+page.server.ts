import { parseDashboardQuery } from '$lib/schemas/dashboard';
import { dashboardOf } from '$lib/server/dashboard/service';
import { db } from '$lib/server/db/app';
import { handleDomain } from '$lib/server/http';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ depends, locals, url }) => {
	// Reloaded when a card of the strategy's boards changes, as the goal tree is.
	depends('app:progress');
	const query = parseDashboardQuery(url.searchParams);
	return { dashboard: await handleDomain(() => dashboardOf(db(), requireUser(locals), query)) };
};
