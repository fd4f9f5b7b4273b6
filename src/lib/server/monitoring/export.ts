import ExcelJS from 'exceljs';
import { levelLabel } from '$lib/components/goal/levels';
import { goalStatusLabel, statusLabel } from '$lib/components/goal/progress';
import type { CardStatus, GoalStatus } from '$lib/domain/progress';
import { m } from '$lib/paraglide/messages';
import { toCsvFile } from '../csv';
import type { MonitoringReport } from './report';

// The monitoring report as tables — goals, cards, activities, indicators — in the language of the
// request, and those tables as an XLSX workbook (exceljs) or one CSV file each (csv-stringify).

export type Cell = string | number | null;
export interface Table {
	/** Also the CSV part's name in its URL. */
	key: 'goals' | 'cards' | 'activities' | 'indicators';
	title: string;
	header: string[];
	rows: Cell[][];
}

export const TABLE_KEYS = ['goals', 'cards', 'activities', 'indicators'] as const;

/** One line per goal, for the reader in a hurry. */
export function goalSummary(goal: MonitoringReport['goals'][number]): string {
	const parts = [
		goal.total === 0
			? m.report_summary_no_cards()
			: m.report_summary_cards({ done: goal.done, total: goal.total, percent: goal.percent ?? 0 })
	];
	if (goal.activities > 0)
		parts.push(
			m.report_summary_activities({ count: goal.activities, participants: goal.participants })
		);
	return parts.join(' ');
}

export function reportTables(report: MonitoringReport): Table[] {
	const owner = report.strategy.owner;
	return [
		{
			key: 'goals',
			title: m.report_sheet_goals(),
			header: [
				m.report_col_code(),
				m.report_col_level(),
				m.report_col_goal(),
				m.report_col_status(),
				m.report_col_done(),
				m.report_col_total(),
				m.report_col_percent(),
				m.report_col_blocked(),
				m.report_col_overdue(),
				m.report_col_activities(),
				m.report_col_participants(),
				m.report_col_summary()
			],
			rows: report.goals.map((g) => [
				g.code,
				levelLabel(g.level, owner),
				g.title,
				goalStatusLabel(g.status as GoalStatus),
				g.done,
				g.total,
				g.percent,
				g.blocked,
				g.overdue,
				g.activities,
				g.participants,
				goalSummary(g)
			])
		},
		{
			key: 'cards',
			title: m.report_sheet_cards(),
			header: [
				m.report_col_code(),
				m.report_col_card(),
				m.report_col_board(),
				m.report_col_lead(),
				m.report_col_status(),
				m.report_col_due()
			],
			rows: report.cards.map((c) => [
				c.goalCode,
				c.title,
				c.boardTitle,
				c.leadName,
				statusLabel(c.status as CardStatus),
				c.dueDate
			])
		},
		{
			key: 'activities',
			title: m.report_sheet_activities(),
			header: [
				m.report_col_code(),
				m.report_col_card(),
				m.report_col_organization(),
				m.report_col_from(),
				m.report_col_to(),
				m.report_col_what(),
				m.report_col_participants(),
				m.report_col_outputs()
			],
			rows: report.activities.map((a) => [
				a.goalCode,
				a.cardTitle,
				a.organizationName,
				a.periodStart,
				a.periodEnd,
				a.summary,
				a.participants,
				a.outputs
			])
		},
		{
			key: 'indicators',
			title: m.report_sheet_indicators(),
			header: [
				m.report_col_code(),
				m.report_col_indicator(),
				m.report_col_unit(),
				m.report_col_baseline(),
				m.report_col_baseline_year(),
				m.report_col_target(),
				m.report_col_target_year(),
				m.report_col_value(),
				m.report_col_progress(),
				m.report_col_on_plan()
			],
			rows: report.indicators.map((i) => [
				i.goalCode,
				i.name,
				i.unit,
				i.baselineValue,
				i.baselineYear,
				i.targetValue,
				i.targetYear,
				i.value,
				i.progress,
				i.expected
			])
		}
	];
}

export async function toXlsx(report: MonitoringReport, tables: Table[]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name();
	workbook.title = `${report.strategy.title} ${report.period.from} – ${report.period.to}`;
	for (const table of tables) {
		const sheet = workbook.addWorksheet(table.title.slice(0, 31));
		sheet.addRow(table.header).font = { bold: true };
		for (const row of table.rows) sheet.addRow(row);
		sheet.views = [{ state: 'frozen', ySplit: 1 }];
		sheet.columns.forEach((column, i) => {
			const longest = Math.max(
				...[table.header, ...table.rows].map((r) => String(r[i] ?? '').length)
			);
			column.width = Math.min(60, Math.max(8, longest + 2));
		});
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A table as CSV (see ../csv.ts). */
export function toCsv(table: Table): string {
	return toCsvFile([table.header, ...table.rows]);
}
