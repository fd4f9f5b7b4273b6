import { describe, expect, it } from 'vitest';
import { goalsOnCards, shortTitle } from './strategy';

describe('shortTitle', () => {
	it('keeps a title that fits', () => {
		expect(shortTitle('Rozwój kapitału ludzkiego i społecznego')).toBe(
			'Rozwój kapitału ludzkiego i społecznego'
		);
	});

	it('cuts a long title at a word, without a trailing comma or dash, and marks the cut', () => {
		const long =
			'Wykorzystanie potencjału zasobów ludzkich oraz potencjału instytucji miejskich do prowadzenia ' +
			'efektywnych działań zapobiegawczo – interwencyjnych';
		const short = shortTitle(long);
		expect(short.length).toBeLessThanOrEqual(91);
		expect(short.endsWith('…')).toBe(true);
		expect(long.startsWith(short.slice(0, -1))).toBe(true);
		expect(short).toBe(
			'Wykorzystanie potencjału zasobów ludzkich oraz potencjału instytucji miejskich do…'
		);
	});

	it('cuts a title with no space to break at', () => {
		expect(shortTitle('x'.repeat(200))).toBe(`${'x'.repeat(90)}…`);
	});
});

describe('goalsOnCards', () => {
	it('gives each goal its short name, its chain and its top-level colour', () => {
		const goals = goalsOnCards([
			{ id: 1, parentId: null, level: 'area', code: null, title: 'Obszar', position: 0 },
			{ id: 2, parentId: 1, level: 'strategic', code: '1', title: 'x '.repeat(60), position: 0 }
		] as never);
		expect(goals.get(2)).toMatchObject({ slot: 1, code: '1' });
		expect(goals.get(2)!.short.endsWith('…')).toBe(true);
		expect(goals.get(2)!.chain.startsWith('Obszar › 1 x x')).toBe(true);
	});
});
