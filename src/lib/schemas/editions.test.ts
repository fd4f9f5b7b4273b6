import { describe, expect, it } from 'vitest';
import { relinkSchema, relinkStampOf } from './editions';

// The re-link's confirm form carries what its preview showed; anything else is refused.

describe('the confirm form', () => {
	it('takes one value or many, and refuses anything but ids and stamps', () => {
		expect(relinkSchema.parse({ boards: '4', cards: '7:2:0' })).toEqual({
			boards: [4],
			cards: [[7, 2, 0]]
		});
		expect(relinkSchema.parse({})).toEqual({ boards: [], cards: [] });
		const stamp = relinkStampOf({ id: 7, version: 2, to: null });
		expect(relinkSchema.parse({ cards: [stamp, '8:1:5'] }).cards).toEqual([
			[7, 2, 0],
			[8, 1, 5]
		]);
		for (const bad of [
			{ boards: 'x' },
			{ boards: '0' },
			{ cards: '7:2' },
			{ cards: '7:0:1' },
			{ cards: '7:2:1:1' },
			{ cards: '1e3:1:1' },
			{ cards: '99999999999:1:1' }
		])
			expect(relinkSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
	});
});
