import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvSafe, toCsvFile } from './csv';

describe('CSV files', () => {
	it('defuse text a spreadsheet would run as a formula, and keep everything else as it was', () => {
		for (const formula of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])
			expect(csvSafe(formula)).toBe(`'${formula}`);
		expect(csvSafe('Warsztaty = sukces')).toBe('Warsztaty = sukces');
		expect(csvSafe(-5)).toBe(-5);
		expect(csvSafe(null)).toBe('');
	});

	it('read back cell by cell, Polish letters, quotes and line breaks included', () => {
		const rows = [
			['Zażółć', 'gęślą "jaźń"', 'a,b\nc'],
			['=HYPERLINK("http://evil")', 12.5, null]
		];
		const file = toCsvFile(rows);
		expect(file.startsWith('\uFEFF')).toBe(true);
		expect(parse(file.slice(1))).toEqual([
			['Zażółć', 'gęślą "jaźń"', 'a,b\nc'],
			[`'=HYPERLINK("http://evil")`, '12.5', '']
		]);
	});
});
