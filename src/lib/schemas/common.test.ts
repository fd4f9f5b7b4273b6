import { describe, expect, it } from 'vitest';
import { eventCursor, isoDate } from './common';

describe('isoDate', () => {
	it.each(['2026-01-31', '2024-02-29', '0001-01-01', '9999-12-31'])('takes %s', (day) => {
		expect(isoDate.safeParse(day).success).toBe(true);
	});
	// Each of these passed Date.parse and failed in PostgreSQL, a 500.
	it.each(['2026-02-31', '2025-02-29', '2026-04-31', '0000-01-01', '2026-13-01', '2026-00-10'])(
		'refuses %s, a day no calendar has',
		(day) => expect(isoDate.safeParse(day).success).toBe(false)
	);
});

describe('eventCursor', () => {
	it.each(['0', '1', '9223372036854775807'])('takes %s', (id) => {
		expect(eventCursor.safeParse(id).success).toBe(true);
	});
	it.each(['9223372036854775808', '99999999999999999999', '-1', '1e3', ' 1', '0x10', ''])(
		'refuses %j, past bigint or no id',
		(id) => expect(eventCursor.safeParse(id).success).toBe(false)
	);
});
