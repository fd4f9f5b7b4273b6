import { z } from './zod';

// The reports page's tab and state filter. They live in the query string, so a queue can be
// shared as a link; anything unreadable is dropped rather than refused, like the board's filters.

export const REPORT_TABS = ['review', 'mine', 'all'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];
export const REPORT_STATES = ['draft', 'submitted', 'returned', 'accepted'] as const;

export const reportQueueQuerySchema = z.object({
	tab: z.enum(REPORT_TABS).optional().catch(undefined),
	state: z.enum(REPORT_STATES).optional().catch(undefined)
});

export type ReportQueueQuery = z.infer<typeof reportQueueQuerySchema>;

export function parseReportQueueQuery(params: URLSearchParams): ReportQueueQuery {
	return reportQueueQuerySchema.parse({
		tab: params.get('tab') ?? undefined,
		state: params.get('state') ?? undefined
	});
}
