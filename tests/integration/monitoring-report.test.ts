import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorSchema, reportSchema, reviewSchema } from '../../src/lib/schemas/monitoring';
import type { Actor } from '../../src/lib/server/auth/policy';
import { NotFoundError } from '../../src/lib/server/errors';
import { createIndicator } from '../../src/lib/server/indicators/service';
import { csvSafe } from '../../src/lib/server/csv';
import { reportTables, toCsv, toXlsx } from '../../src/lib/server/monitoring/export';
import { monitoringReport } from '../../src/lib/server/monitoring/report';
import { reviewReport, saveReport, submitReport } from '../../src/lib/server/reports/service';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The monitoring report on a small known world, and its files parsed back cell by cell.

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let slug: string;
let coordinator: Actor;
let member: Actor;
const period = { from: '2026-01-01', to: '2026-12-31' };

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	slug = (
		await t.db
			.selectFrom('strategy')
			.select('slug')
			.where('id', '=', s.id)
			.executeTakeFirstOrThrow()
	).slug;
	const dept = await makeOrg(t.db, 'city_department');
	const ngo = await makeOrg(t.db, 'ngo');
	coordinator = await makePerson(t.db, 'coordinator');
	member = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	const partner = await makePerson(t.db, 'member', [[ngo.id, 'member']]);
	const board = await makeBoard(t.db, dept.id, s.id);
	const card = await makeCard(t.db, board, board.columns[3], dept.id, [ngo.id], {
		goalId: s.task.id,
		title: 'Warsztaty; "edycja" 1'
	});
	await makeCard(t.db, board, board.columns[0], dept.id, [], {
		goalId: s.task2.id,
		title: '=HYPERLINK("http://evil.example")'
	});
	const indicator = await createIndicator(
		t.db,
		coordinator,
		s.operational.id,
		indicatorSchema.parse({
			name: 'Uczestnicy',
			unit: 'os.',
			baselineValue: '0',
			baselineYear: '2020',
			targetValue: '200',
			targetYear: '2028',
			direction: 'up',
			aggregation: 'sum',
			frequency: 'yearly'
		})
	);
	const report = (periodStart: string, periodEnd: string, n: string) =>
		reportSchema.parse({
			organizationId: String(ngo.id),
			periodStart,
			periodEnd,
			summary: `Zajęcia ${n}`,
			participants: n,
			indicatorId: String(indicator.id),
			indicatorValue: n
		});
	for (const [from, to, n] of [
		['2026-03-01', '2026-03-31', '30'],
		['2025-05-01', '2025-05-31', '99']
	] as const) {
		const { id } = await saveReport(t.db, partner, card.id, report(from, to, n));
		await submitReport(t.db, partner, card.id, { reportId: id });
		const version = (
			await t.db
				.selectFrom('activityReport')
				.select('version')
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).version;
		await reviewReport(
			t.db,
			member,
			card.id,
			reviewSchema.parse({ reportId: String(id), version: String(version), decision: 'accept' })
		);
	}
});

afterAll(() => t.destroy());

describe('the monitoring report', () => {
	it('is the coordinator’s', async () => {
		await expect(monitoringReport(t.db, member, slug, period)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('gives every goal its cards, the period’s activities and its indicators', async () => {
		const report = await monitoringReport(t.db, coordinator, slug, period);
		expect(report.goals.map((g) => g.code)).toEqual(['1', '1.1', '1.1.1', '1.1.2']);
		const operational = report.goals.find((g) => g.code === '1.1')!;
		// One card done of two; one activity in 2026 (the 2025 one is outside the period).
		expect(operational).toMatchObject({
			done: 1,
			total: 2,
			percent: 50,
			activities: 1,
			participants: 30
		});
		expect(report.activities.map((a) => a.summary)).toEqual(['Zajęcia 30']);
		expect(report.indicators).toMatchObject([
			{ goalCode: '1.1', value: 30, progress: 15, expected: 75 }
		]);
	});

	it('exports XLSX and CSV that read back cell by cell', async () => {
		const report = await monitoringReport(t.db, coordinator, slug, period);
		const tables = reportTables(report);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await toXlsx(report, tables)) as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.title));
		for (const table of tables) {
			const sheet = workbook.getWorksheet(table.title)!;
			const read: unknown[][] = [];
			sheet.eachRow((row) => read.push((row.values as unknown[]).slice(1)));
			const expected = [table.header, ...table.rows].map((r) => {
				// A sheet row ends at its last filled cell; empty cells read back as undefined.
				const cells = r.map((c) => (c === null ? undefined : c));
				while (cells.length && cells.at(-1) === undefined) cells.pop();
				return cells;
			});
			expect(read).toEqual(expected);

			const csv = toCsv(table);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const rows = parse(csv.slice(1)) as string[][];
			expect(rows).toEqual(
				[table.header, ...table.rows].map((r) => r.map((c) => String(csvSafe(c))))
			);
		}
		const cards = tables.find((t) => t.key === 'cards')!;
		expect(cards.rows.map((r) => r[1])).toContain('Warsztaty; "edycja" 1');
		// A title shaped like a formula stays text: a string cell in the workbook, defused in CSV.
		const sheet = workbook.getWorksheet(cards.title)!;
		let formulaCells = 0;
		sheet.eachRow((row) =>
			row.eachCell((c) => (formulaCells += c.type === ExcelJS.ValueType.Formula ? 1 : 0))
		);
		expect(formulaCells).toBe(0);
		expect(toCsv(cards)).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
	});
});
