import { beforeEach, describe, expect, it, vi } from 'vitest';

// The page's language, as the runtime would report it; each test picks one.
const language = vi.hoisted(() => ({ current: 'pl' }));
vi.mock('$lib/paraglide/runtime', async (original) => ({
	...(await original<typeof import('$lib/paraglide/runtime')>()),
	getLocale: () => language.current
}));

import {
	daysBetween,
	dueState,
	formatDateTime,
	formatDay,
	formatDayChange,
	formatDayRange,
	formatDueDay,
	formatMonth,
	formatNumber,
	formatRelativeDay,
	todayInTorun
} from './format';

const TODAY = '2026-12-09';

describe('dates in Polish', () => {
	beforeEach(() => (language.current = 'pl'));

	it('writes a day one way: day, short month, year', () => {
		expect(formatDay('2026-12-09')).toBe('9 gru 2026');
		expect(formatDay('2027-01-16')).toBe('16 sty 2027');
	});

	it('says near days in words and farther ones as dates', () => {
		expect(formatRelativeDay('2026-12-09', TODAY)).toBe('dzisiaj');
		expect(formatRelativeDay('2026-12-10', TODAY)).toBe('jutro');
		expect(formatRelativeDay('2026-12-08', TODAY)).toBe('wczoraj');
		expect(formatRelativeDay('2026-12-12', TODAY)).toBe('za 3 dni');
		expect(formatRelativeDay('2026-12-06', TODAY)).toBe('3 dni temu');
		expect(formatRelativeDay('2026-12-16', TODAY)).toBe('za 7 dni');
		expect(formatRelativeDay('2026-12-17', TODAY)).toBe('17 gru 2026');
		expect(formatRelativeDay('2026-12-01', TODAY)).toBe('1 gru 2026');
	});

	it('shows empty and half-open ranges in words, closed ones compactly', () => {
		expect(formatDayRange(null, null)).toBe('bez dat');
		expect(formatDayRange('2026-12-09', null)).toBe('od 9 gru 2026');
		expect(formatDayRange(null, '2026-12-09')).toBe('do 9 gru 2026');
		expect(formatDayRange('2026-12-09', '2026-12-16')).toBe('9–16 gru 2026');
		expect(formatDayRange('2026-12-09', '2027-01-16')).toBe('9 gru 2026–16 sty 2027');
	});

	it('writes a change of day with the year once when both share it', () => {
		expect(formatDayChange('2026-12-09', '2026-12-16')).toBe('9 gru → 16 gru 2026');
		expect(formatDayChange('2026-12-09', '2027-01-16')).toBe('9 gru 2026 → 16 sty 2027');
		expect(formatDayChange(null, '2026-12-16')).toBe('bez daty → 16 gru 2026');
		expect(formatDayChange('2026-12-16', null)).toBe('16 gru 2026 → bez daty');
	});

	it('writes a month with its year', () => {
		expect(formatMonth('2026-01')).toBe('sty 2026');
	});

	it('writes moments in Toruń time and numbers with a decimal comma', () => {
		expect(formatDateTime('2026-12-09T10:05:00Z')).toBe('9 gru 2026, 11:05');
		expect(formatNumber(1234.5)).toBe('1234,5');
	});
});

describe('dates in English', () => {
	beforeEach(() => (language.current = 'en'));

	it('writes the same style in English', () => {
		expect(formatDay('2026-12-09')).toBe('9 Dec 2026');
		expect(formatRelativeDay('2026-12-09', TODAY)).toBe('today');
		expect(formatRelativeDay('2026-12-10', TODAY)).toBe('tomorrow');
		expect(formatRelativeDay('2026-12-12', TODAY)).toBe('in 3 days');
		expect(formatRelativeDay('2026-12-06', TODAY)).toBe('3 days ago');
		expect(formatRelativeDay('2027-01-16', TODAY)).toBe('16 Jan 2027');
		expect(formatDayRange(null, null)).toBe('no dates');
		expect(formatDayRange('2026-12-09', null)).toBe('from 9 Dec 2026');
		expect(formatDayRange(null, '2026-12-09')).toBe('until 9 Dec 2026');
		expect(formatDayChange('2026-12-09', '2026-12-16')).toBe('9 Dec → 16 Dec 2026');
		expect(formatNumber(1234.5)).toBe('1,234.5');
		expect(formatMonth('2026-01')).toBe('Jan 2026');
	});

	it('keeps one formatter per language rather than the first one made', () => {
		language.current = 'pl';
		expect(formatDay('2026-12-09')).toBe('9 gru 2026');
		language.current = 'en';
		expect(formatDay('2026-12-09')).toBe('9 Dec 2026');
	});
});

describe('due state', () => {
	it('tells overdue, soon, later, done and none apart on a given day', () => {
		expect(dueState('2026-12-08', false, TODAY)).toBe('overdue');
		expect(dueState('2026-12-09', false, TODAY)).toBe('soon');
		expect(dueState('2026-12-16', false, TODAY)).toBe('soon');
		expect(dueState('2026-12-17', false, TODAY)).toBe('later');
		expect(dueState('2026-12-08', true, TODAY)).toBe('done');
		expect(dueState(null, true, TODAY)).toBe('done');
		expect(dueState(null, false, TODAY)).toBe('none');
	});
});

describe('days', () => {
	it('counts whole days across a change of clocks and of year', () => {
		expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
		expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
		expect(daysBetween('2026-12-09', '2026-12-02')).toBe(-7);
	});

	it('takes today from the Toruń calendar, not the machine’s', () => {
		// 23:30 UTC on 9 December is already 10 December in Toruń.
		expect(todayInTorun(new Date('2026-12-09T23:30:00Z'))).toBe('2026-12-10');
		expect(todayInTorun(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
	});
});

describe('due days', () => {
	it('says how near a due day is beside its date, and a far one as its date', () => {
		language.current = 'pl';
		expect(formatDueDay('2026-12-10', TODAY)).toBe('jutro, 10 gru 2026');
		expect(formatDueDay('2026-12-06', TODAY)).toBe('3 dni temu, 6 gru 2026');
		expect(formatDueDay('2027-01-16', TODAY)).toBe('16 sty 2027');
		language.current = 'en';
		expect(formatDueDay('2026-12-10', TODAY)).toBe('tomorrow, 10 Dec 2026');
	});
});
