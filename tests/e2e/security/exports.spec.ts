import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signInSession, type Session } from './http';
import { WHO } from './route-table';
import { RISKY, csvCells, expectDefused } from './xss-checks';
import { SCRIPT, loadXssWorld } from './xss-world';

// The files the app hands out carry the hostile text of ./xss-world.ts as inert text: in the
// audit CSV and the monitoring report's CSV tables every cell a spreadsheet would run as a formula
// (=, +, -, @, a tab or a carriage return first) starts with an apostrophe, and in the XLSX every
// such cell is a string cell, never a formula.

let baseURL: string;
let staff: Session;

// Playwright reads the fixtures a hook asks for from its first parameter: none here.
// eslint-disable-next-line no-empty-pattern
test.beforeAll(async ({}, testInfo) => {
	baseURL = testInfo.project.use.baseURL!;
	const sessions: Record<string, Session> = {};
	for (const who of WHO.filter((w) => w !== 'anonymous'))
		sessions[who] = await signInSession(baseURL, `${who}torun.example`);
	staff = sessions['koordynator@']!;
	await loadXssWorld(baseURL, sessions);
});

async function download(path: string): Promise<Buffer> {
	const res = await fetch(baseURL + path, { headers: { cookie: staff.cookie } });
	expect(res.status, path).toBe(200);
	return Buffer.from(await res.arrayBuffer());
}

test('the audit log as CSV: hostile text is inert, formulas are defused', async () => {
	const cells = csvCells(await download('/audit/export.csv'));
	// The actor's name starts with @, the card's title with =.
	expectDefused(cells, 'XSS-person', 'audit');
	expectDefused(cells, 'XSS-card', 'audit');
});

const TABLES = {
	goals: null,
	cards: 'XSS-card',
	activities: 'XSS-report',
	indicators: 'XSS-indicator'
};

for (const [table, marker] of Object.entries(TABLES)) {
	test(`the monitoring report's ${table} as CSV: formulas are defused`, async () => {
		const cells = csvCells(await download(`/strategies/torun-2028/report/${table}.csv?year=2026`));
		expect(cells.filter((c) => RISKY.test(c))).toEqual([]);
		if (marker) expectDefused(cells, marker, table);
		if (table === 'activities') expectDefused(cells, 'XSS-outputs', table);
	});
}

test('the monitoring report as XLSX: formula-looking text is a string cell, never a formula', async () => {
	const workbook = new ExcelJS.Workbook();
	const file = await download('/strategies/torun-2028/report/monitoring.xlsx?year=2026');
	await workbook.xlsx.load(file as unknown as ArrayBuffer);
	const cells: { where: string; type: ExcelJS.ValueType; value: unknown }[] = [];
	workbook.eachSheet((sheet) =>
		sheet.eachRow((row) =>
			row.eachCell((cell) => {
				cells.push({ where: `${sheet.name}!${cell.address}`, type: cell.type, value: cell.value });
				expect(cell.formula, `${sheet.name}!${cell.address}`).toBeFalsy();
			})
		)
	);
	expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
	for (const marker of Object.values(TABLES).filter(Boolean) as string[]) {
		const cell = cells.find((c) => typeof c.value === 'string' && c.value.includes(marker));
		expect(cell, marker).toBeDefined();
		expect(cell!.type, `${cell!.where}: ${marker}`).toBe(ExcelJS.ValueType.String);
		expect(String(cell!.value), marker).toMatch(RISKY);
		expect(String(cell!.value), marker).toContain(SCRIPT);
	}
});
