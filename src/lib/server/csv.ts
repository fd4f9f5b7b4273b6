import { stringify } from 'csv-stringify/sync';

// CSV files the app hands out (the audit log, the monitoring report): UTF-8 with a byte-order
// mark, so spreadsheets read Polish letters; and text that a spreadsheet would run as a formula
// (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, as
// OWASP advises against CSV injection. Numbers stay numbers.

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvSafe(cell: CsvCell): string | number {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') return cell;
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function toCsvFile(rows: readonly (readonly CsvCell[])[]): string {
	return '\uFEFF' + stringify(rows.map((row) => row.map(csvSafe)));
}
