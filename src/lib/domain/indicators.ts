// Indicators: their current value from the values that count, and progress toward the target.
// Pure, so the goal tree, the dashboards and the report compute them the same way.

export interface IndicatorFacts {
	baselineValue: number;
	baselineYear: number;
	targetValue: number;
	targetYear: number;
	aggregation: 'sum' | 'latest';
	frequency: 'monthly' | 'quarterly' | 'yearly';
}

export interface CountedValue {
	value: number;
	periodEnd: string;
	id: number;
}

/** The measuring period a date falls in, as a sortable key: 2026, 2026-Q3 or 2026-07. */
export function periodKey(frequency: IndicatorFacts['frequency'], date: string): string {
	const year = date.slice(0, 4);
	if (frequency === 'yearly') return year;
	const month = Number(date.slice(5, 7));
	return frequency === 'quarterly' ? `${year}-Q${Math.ceil(month / 3)}` : date.slice(0, 7);
}

/**
 * The indicator's value in its latest measured period (a year, quarter or month, as its
 * frequency says, by the end of each value's period): the values of that period summed, or the
 * latest one. Null without any value.
 */
export function currentValue(
	indicator: Pick<IndicatorFacts, 'aggregation' | 'frequency'>,
	values: readonly CountedValue[]
) {
	if (values.length === 0) return null;
	const latest = values.reduce((a, b) =>
		b.periodEnd > a.periodEnd || (b.periodEnd === a.periodEnd && b.id > a.id) ? b : a
	);
	if (indicator.aggregation === 'latest') return latest.value;
	const period = periodKey(indicator.frequency, latest.periodEnd);
	return values
		.filter((v) => periodKey(indicator.frequency, v.periodEnd) === period)
		.reduce((sum, v) => sum + v.value, 0);
}

/**
 * How far from the baseline toward the target the value has come, in % (0 at the baseline, 100 at
 * the target; the direction is in the sign of target − baseline). Null without a value.
 */
export function progressPercent(indicator: IndicatorFacts, value: number | null): number | null {
	if (value === null) return null;
	const span = indicator.targetValue - indicator.baselineValue;
	if (span === 0) return 100;
	return Math.round(((value - indicator.baselineValue) / span) * 1000) / 10;
}

/** Where a straight line from the baseline to the target stands in a given year, in %. */
export function expectedPercent(indicator: IndicatorFacts, year: number): number {
	const years = indicator.targetYear - indicator.baselineYear;
	if (years <= 0) return 100;
	const share = (year - indicator.baselineYear) / years;
	return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}
