import { describe, expect, it } from 'vitest';
import { currentValue, expectedPercent, periodKey, progressPercent } from './indicators';

const up = {
	baselineValue: 100,
	baselineYear: 2020,
	targetValue: 300,
	targetYear: 2028,
	aggregation: 'sum' as const,
	frequency: 'yearly' as 'yearly' | 'quarterly' | 'monthly'
};
const down = { ...up, baselineValue: 50, targetValue: 10, aggregation: 'latest' as const };
const values = [
	{ id: 1, value: 40, periodEnd: '2026-03-31' },
	{ id: 2, value: 30, periodEnd: '2026-06-30' },
	{ id: 3, value: 20, periodEnd: '2026-06-30' },
	{ id: 4, value: 999, periodEnd: '2025-12-31' }
];

describe('indicators', () => {
	it('sum the values of their latest period, or take the latest value (the later entry on a tie)', () => {
		expect(currentValue(up, values)).toBe(90);
		expect(currentValue({ ...up, frequency: 'quarterly' }, values)).toBe(50);
		expect(currentValue({ ...up, frequency: 'monthly' }, values)).toBe(50);
		expect(currentValue(down, values)).toBe(20);
		expect(currentValue(up, [])).toBeNull();
	});

	it('name the period a date falls in', () => {
		expect(periodKey('yearly', '2026-08-15')).toBe('2026');
		expect(periodKey('quarterly', '2026-08-15')).toBe('2026-Q3');
		expect(periodKey('monthly', '2026-08-15')).toBe('2026-08');
	});

	it('measure progress from baseline to target, whichever way is good', () => {
		expect(progressPercent(up, 100)).toBe(0);
		expect(progressPercent(up, 200)).toBe(50);
		expect(progressPercent(up, 300)).toBe(100);
		expect(progressPercent(up, 90)).toBe(-5);
		expect(progressPercent(down, 30)).toBe(50);
		expect(progressPercent(down, 5)).toBe(112.5);
		expect(progressPercent(up, null)).toBeNull();
	});

	it('place the straight path between the baseline and target years', () => {
		expect(expectedPercent(up, 2020)).toBe(0);
		expect(expectedPercent(up, 2024)).toBe(50);
		expect(expectedPercent(up, 2030)).toBe(100);
		expect(expectedPercent(up, 2019)).toBe(0);
	});
});
