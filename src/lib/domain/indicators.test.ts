import { describe, expect, it } from 'vitest';
import { currentValue, expectedPercent, progressPercent } from './indicators';

const up = {
	baselineValue: 100,
	baselineYear: 2020,
	targetValue: 300,
	targetYear: 2028,
	aggregation: 'sum' as const
};
const down = { ...up, baselineValue: 50, targetValue: 10, aggregation: 'latest' as const };
const values = [
	{ id: 1, value: 40, periodEnd: '2026-03-31' },
	{ id: 2, value: 30, periodEnd: '2026-06-30' },
	{ id: 3, value: 20, periodEnd: '2026-06-30' }
];

describe('indicators', () => {
	it('sum their values, or take the latest period’s (the later entry on a tie)', () => {
		expect(currentValue(up, values)).toBe(90);
		expect(currentValue(down, values)).toBe(20);
		expect(currentValue(up, [])).toBeNull();
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
