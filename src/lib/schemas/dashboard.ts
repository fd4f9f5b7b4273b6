import { ORGANIZATION_KINDS } from '$lib/domain/organizations';
import { recordId } from './common';
import { z } from './zod';

// What a dashboard shows, from its query string: the strategy, and optionally one strategic goal,
// one organisation, a kind of organisation for the breakdown, and the year. Like the board's
// filters, a value that cannot be read is dropped (the default applies), never an error page:
// a dashboard link with a stale id still opens.

export const DASHBOARD_KINDS = ['all', ...ORGANIZATION_KINDS] as const;
export type DashboardKind = (typeof DASHBOARD_KINDS)[number];

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const dashboardQuerySchema = z.object({
	strategy: lenient(
		z
			.string()
			.trim()
			.regex(/^[a-z0-9-]{1,80}$/)
	),
	goal: lenient(recordId),
	/** An organisation's id, or "all" to leave a manager's default (their organisation) aside. */
	org: lenient(z.union([z.literal('all'), recordId])),
	kind: lenient(z.enum(DASHBOARD_KINDS)),
	year: lenient(z.coerce.number().int().min(2000).max(2100))
});
export type DashboardQuery = z.output<typeof dashboardQuerySchema>;

export function parseDashboardQuery(params: URLSearchParams): DashboardQuery {
	return dashboardQuerySchema.parse(Object.fromEntries(params));
}
