import { m } from '$lib/paraglide/messages';
import { isoDate } from './common';
import { z } from './zod';

// The monitoring report's period: a year, or from–to; this year by default.

export const reportPeriodSchema = z
	.object({
		year: z.coerce.number().int().min(2000).max(2100).optional(),
		from: isoDate.optional(),
		to: isoDate.optional()
	})
	.transform(({ year, from, to }) => {
		const y = year ?? new Date().getFullYear();
		return { from: from ?? `${y}-01-01`, to: to ?? `${y}-12-31` };
	})
	.refine((p) => p.to >= p.from, { path: ['to'], error: () => m.error_period_order() });
export type ReportPeriod = z.output<typeof reportPeriodSchema>;

export function parseReportPeriod(query: URLSearchParams) {
	const raw = Object.fromEntries(
		['year', 'from', 'to'].flatMap((k) => (query.get(k) ? [[k, query.get(k)]] : []))
	);
	return reportPeriodSchema.safeParse(raw);
}
