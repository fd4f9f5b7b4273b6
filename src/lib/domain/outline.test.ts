import { describe, expect, it } from 'vitest';
import { parseOutline } from './outline';

describe('parseOutline', () => {
	it('joins wrapped lines into the item whose number they follow', () => {
		const { items, problems } = parseOutline(
			[
				'1.1.1. Wspieranie działań na rzecz doskonalenia zawodowego kadry pedagogicznej ',
				'oraz specjalistów edukacji pozaformalnej',
				'',
				'1.1.4. Wykorzystanie potencjału do prowadzenia działań sportowo-',
				'rekreacyjnych (w tym współpracy ',
				'międzypokoleniowej)'
			].join('\n'),
			'1.1'
		);
		expect(problems).toEqual([]);
		expect(items).toEqual([
			{
				code: '1.1.1',
				line: 1,
				title:
					'Wspieranie działań na rzecz doskonalenia zawodowego kadry pedagogicznej oraz specjalistów edukacji pozaformalnej'
			},
			{
				code: '1.1.4',
				line: 4,
				title:
					'Wykorzystanie potencjału do prowadzenia działań sportowo-rekreacyjnych (w tym współpracy międzypokoleniowej)'
			}
		]);
	});

	it('points out text before the first number and numbers of another goal, with what follows them', () => {
		const { items, problems } = parseOutline(
			['Tabela 2. Zadania', '1.1. Rozwój kapitału', 'ludzkiego', '1.1.1. Pierwsze'].join('\n'),
			'1.1'
		);
		expect(items.map((i) => [i.code, i.title])).toEqual([['1.1.1', 'Pierwsze']]);
		expect(problems).toEqual([
			{ line: 1, reason: 'not_numbered', text: 'Tabela 2. Zadania' },
			{ line: 2, reason: 'wrong_parent', text: '1.1. Rozwój kapitału' }
		]);
	});

	it('refuses repeated, backward and empty items', () => {
		const { items, problems } = parseOutline(
			['1.3.2. B', '1.3.2. B again', '1.3.1. A', '1.3.3.', '1.3.4. D'].join('\n'),
			'1.3'
		);
		expect(items.map((i) => i.code)).toEqual(['1.3.2', '1.3.4']);
		expect(problems.map((p) => [p.line, p.reason])).toEqual([
			[2, 'duplicate'],
			[3, 'out_of_order'],
			[4, 'empty_title']
		]);
	});

	it('reads bullets and a row that lists several items in one line, as Table 1 does', () => {
		const { items } = parseOutline(
			'- 2.1. Poprawa stanu infrastruktury społecznej 2.2. Wspieranie budownictwa 2.3. Rewitalizacja obiektów (zob. 2.1.)',
			'2'
		);
		expect(items.map((i) => [i.code, i.title])).toEqual([
			['2.1', 'Poprawa stanu infrastruktury społecznej'],
			['2.2', 'Wspieranie budownictwa'],
			['2.3', 'Rewitalizacja obiektów (zob. 2.1.)']
		]);
	});

	it('reads top-level numbers when the parent has no code', () => {
		const { items, problems } = parseOutline('1. Pierwszy\n2. Drugi\n2.1. Nie tu', '');
		expect(items.map((i) => i.code)).toEqual(['1', '2']);
		expect(problems.map((p) => p.reason)).toEqual(['wrong_parent']);
	});
});
