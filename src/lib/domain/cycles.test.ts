import { describe, expect, it } from 'vitest';
import { addDays, dueStep, parseDays, progressOf, reminderSteps, stateOf } from './cycles';

describe('reporting cycles', () => {
	it('counts the states and the accepted share', () => {
		const p = progressOf(['accepted', 'accepted', 'draft', 'not_started']);
		expect(p).toMatchObject({ total: 4, accepted: 2, draft: 1, notStarted: 1, percent: 50 });
		expect(progressOf([]).percent).toBeNull();
		expect(stateOf(null)).toBe('not_started');
	});

	it('orders the reminders and finds the one due', () => {
		const plan = { deadline: '2027-01-31', remindBefore: [14, 3], remindAfter: [1, 7] };
		expect(reminderSteps(plan).map((s) => s.day)).toEqual([
			'2027-01-17',
			'2027-01-28',
			'2027-02-01',
			'2027-02-07'
		]);
		expect(dueStep(plan, '2027-01-16')).toBeNull();
		expect(dueStep(plan, '2027-01-17')).toBe('before:14');
		expect(dueStep(plan, '2027-01-30')).toBe('before:3');
		expect(dueStep(plan, '2027-03-01')).toBe('after:7');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	});

	it('reads a list of days', () => {
		expect(parseDays('3, 14')).toEqual([14, 3]);
		expect(parseDays('')).toEqual([]);
		expect(parseDays('x')).toBeNull();
		expect(parseDays('-1')).toBeNull();
	});
});
