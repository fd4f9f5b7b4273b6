import { m } from '$lib/paraglide/messages';
import { parseDays } from '$lib/domain/cycles';
import { CYCLE_STATES } from '$lib/domain/cycles';
import { isoDate, recordId, uniqueBy } from './common';
import { z } from './zod';

// Reporting cycles: the form that opens one, the one that closes it, and the cycle page's filters.

const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

const days = (fallback: number[]) =>
	z
		.string()
		.trim()
		.max(40)
		.optional()
		.transform((v, ctx) => {
			if (v === undefined) return fallback;
			const parsed = parseDays(v);
			if (parsed) return parsed;
			ctx.addIssue({ code: 'custom', message: m.cycle_error_days() });
			return z.NEVER;
		});

export const openCycleSchema = z
	.object({
		title: z.string().trim().min(1).max(120),
		periodStart: isoDate,
		periodEnd: isoDate,
		deadline: isoDate,
		/** None: every goal of the strategy. */
		goalIds: z.preprocess(asList, z.array(recordId).max(200)).transform((ids) => uniqueBy(ids)),
		remindBefore: days([14, 3]),
		remindAfter: days([1, 7])
	})
	.refine((c) => c.periodEnd >= c.periodStart, {
		path: ['periodEnd'],
		error: () => m.error_period_order()
	})
	.refine((c) => c.deadline >= c.periodEnd, {
		path: ['deadline'],
		error: () => m.cycle_error_deadline()
	});
export type OpenCycleInput = z.output<typeof openCycleSchema>;

/** Closing cannot be undone: the coordinator ticks that they mean it. */
export const closeCycleSchema = z.object({
	confirm: z.literal('on', { error: () => m.cycle_close_confirm_error() })
});

/** The cycle page's filters, from its query string; anything unreadable is no filter. */
export const cycleFilterSchema = z.object({
	organization: recordId.optional().catch(undefined),
	state: z.enum(CYCLE_STATES).optional().catch(undefined)
});
export type CycleFilter = z.output<typeof cycleFilterSchema>;

export function parseCycleFilter(query: URLSearchParams): CycleFilter {
	return cycleFilterSchema.parse({
		organization: query.get('organization') ?? undefined,
		state: query.get('state') ?? undefined
	});
}
