import { describe, expect, it } from 'vitest';
import { comparePositions, positionBetween, positionsAfter } from './position';

describe('position keys', () => {
	it('always finds a key between two neighbours, in byte order', () => {
		let keys = positionsAfter(null, 3);
		expect([...keys].sort(comparePositions)).toEqual(keys);
		// Insert repeatedly at the front, in the middle and at the end.
		for (let i = 0; i < 50; i++) {
			const at = i % 3;
			const before = at === 0 ? null : keys[at - 1]!;
			const after = at === keys.length ? null : keys[at]!;
			keys.splice(at, 0, positionBetween(before, after));
			expect([...keys].sort(comparePositions)).toEqual(keys);
		}
		keys = keys.filter((k, i) => keys.indexOf(k) === i);
		expect(keys).toHaveLength(53);
	});
});
