// Indicators: their current value from the values that count, and progress toward the target.
// Pure, so the goal tree, the dashboards and the report compute them the same way.

export interface IndicatorFacts {
	baselineValue: number;
	baselineYear: number;
	targetValue: number;
	targetYear: number;
	aggregation: 'sum' | 'latest';
}

export interface CountedValue {
	value: number;
	periodEnd: string;
	id: number;
}

/** The indicator's value: all values summed, or the one of the latest period; null without any. */
export function currentValue(
	indicator: Pick<IndicatorFacts, 'aggregation'>,
	values: readonly CountedValue[]
) {
	if (values.length === 0) return null;
	if (indicator.aggregation === 'sum') return values.reduce((sum, v) => sum + v.value, 0);
	const latest = values.reduce((a, b) =>
		b.periodEnd > a.periodEnd || (b.periodEnd === a.periodEnd && b.id > a.id) ? b : a
	);
	return latest.value;
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
