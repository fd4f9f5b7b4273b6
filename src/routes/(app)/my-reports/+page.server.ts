import { parseReportQueueQuery } from '$lib/schemas/report-queues';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { reportQueues } from '$lib/server/reports/queue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	depends('app:notifications');
	return {
		queues: await reportQueues(db(), requireUser(locals), parseReportQueueQuery(url.searchParams))
	};
};
