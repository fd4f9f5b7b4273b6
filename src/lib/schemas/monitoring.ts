import { m } from '$lib/paraglide/messages';
import { isoDate, optionalId, recordId, uniqueBy } from './common';
import { z } from './zod';

// Activity reports and indicators: one schema per form, shared by the pages and the server.

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A number as people type it here: a decimal comma is as good as a point. */
const decimal = z
	.string()
	.trim()
	.min(1)
	.transform((v, ctx) => {
		const n = Number(v.replace(/\s/g, '').replace(',', '.'));
		if (Number.isFinite(n)) return n;
		ctx.addIssue({ code: 'custom', message: m.error_number() });
		return z.NEVER;
	});

const period = { periodStart: isoDate, periodEnd: isoDate };
const periodInOrder = (p: { periodStart: string; periodEnd: string }) =>
	p.periodEnd >= p.periodStart;
const periodError = { path: ['periodEnd'], error: () => m.error_period_order() };

/** Two spellings of one address are one link: `HTTPS://A.example` is `https://a.example/`. */
const sameLink = (link: string) => {
	try {
		return new URL(link).href;
	} catch {
		return link;
	}
};

/**
 * Links, one per line: http(s) only, at most 10. A link given twice (or spelt twice) is kept once,
 * as first typed: pasting one twice is an easy slip, and a report cannot be changed once sent.
 */
const links = z
	.string()
	.optional()
	.transform((v) =>
		(v ?? '')
			.split(/\r?\n/)
			.map((l) => l.trim())
			.filter(Boolean)
	)
	.pipe(z.array(z.url({ protocol: /^https?$/, error: () => m.error_url() }).max(500)))
	.transform((list) => uniqueBy(list, sameLink))
	.pipe(z.array(z.string()).max(10, { error: () => m.error_too_many_links({ max: 10 }) }));

export const reportSchema = z
	.object({
		organizationId: recordId,
		...period,
		summary: z.string().trim().min(1).max(5000),
		participants: z.preprocess(
			(v) => (v === '' || v === undefined ? null : v),
			z.coerce.number().int().min(0).max(10_000_000).nullable()
		),
		outputs: z.string().trim().max(5000).optional().default(''),
		links,
		// An indicator's value is sent as a pair of fields, repeated: indicatorId and indicatorValue.
		indicatorId: z.preprocess(asList, z.array(recordId).max(50)),
		indicatorValue: z.preprocess(asList, z.array(z.string().trim().max(50)))
	})
	.refine(periodInOrder, periodError)
	.refine((r) => r.indicatorId.length === r.indicatorValue.length, {
		path: ['indicatorValue'],
		error: () => m.error_invalid()
	})
	// The form has one field per indicator: two values for one cannot be merged (which one?).
	.refine((r) => new Set(r.indicatorId).size === r.indicatorId.length, {
		path: ['indicatorValue'],
		error: () => m.report_indicator_twice()
	})
	.transform(({ indicatorId, indicatorValue, ...report }, ctx) => {
		const values: { indicatorId: number; value: number }[] = [];
		indicatorId.forEach((id, i) => {
			if (indicatorValue[i] === '') return;
			const parsed = decimal.safeParse(indicatorValue[i]);
			if (parsed.success) values.push({ indicatorId: id, value: parsed.data });
			else ctx.addIssue({ code: 'custom', path: [`indicator_${id}`], message: m.error_number() });
		});
		return { ...report, values };
	});
export type ReportInput = z.output<typeof reportSchema>;

export const reportRefSchema = z.object({ reportId: recordId });
/** The report form: a new draft, or (with reportId and version) a change of one. */
export const reportSaveSchema = z.intersection(
	reportSchema,
	z.object({ reportId: optionalId, version: optionalId })
);
export const reviewSchema = z
	.object({
		reportId: recordId,
		version: recordId,
		decision: z.enum(['accept', 'return']),
		reason: z.string().trim().max(2000).optional().default('')
	})
	.refine((r) => r.decision === 'accept' || r.reason.length > 0, {
		path: ['reason'],
		error: () => m.report_return_needs_reason()
	});
export type ReviewInput = z.output<typeof reviewSchema>;

export const INDICATOR_DIRECTIONS = ['up', 'down'] as const;
export const INDICATOR_AGGREGATIONS = ['sum', 'latest'] as const;
export const INDICATOR_FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
const year = z.coerce.number().int().min(1990).max(2100);

export const indicatorSchema = z
	.object({
		name: z.string().trim().min(1).max(300),
		unit: z.string().trim().min(1).max(50),
		baselineValue: decimal,
		baselineYear: year,
		targetValue: decimal,
		targetYear: year,
		direction: z.enum(INDICATOR_DIRECTIONS),
		aggregation: z.enum(INDICATOR_AGGREGATIONS),
		source: z.string().trim().max(500).optional().default(''),
		frequency: z.enum(INDICATOR_FREQUENCIES),
		responsibleOrganizationId: z.preprocess((v) => (v === '' ? undefined : v), recordId.optional())
	})
	.refine((i) => i.targetYear >= i.baselineYear, {
		path: ['targetYear'],
		error: () => m.indicator_target_before_baseline()
	})
	.refine(
		(i) =>
			i.direction === 'up' ? i.targetValue > i.baselineValue : i.targetValue < i.baselineValue,
		{
			path: ['targetValue'],
			error: () => m.indicator_target_against_direction()
		}
	);
export type IndicatorInput = z.output<typeof indicatorSchema>;

export const indicatorValueSchema = z
	.object({
		indicatorId: recordId,
		...period,
		value: decimal,
		source: z.string().trim().min(1).max(500)
	})
	.refine(periodInOrder, periodError);
export type IndicatorValueInput = z.output<typeof indicatorValueSchema>;
