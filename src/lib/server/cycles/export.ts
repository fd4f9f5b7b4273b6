import ExcelJS from 'exceljs';
import { cycleStateLabel } from '$lib/components/cycles/labels';
import { m } from '$lib/paraglide/messages';
import { reportTables } from '../monitoring/export';
import type { cycleForExport } from './service';

// A cycle as an XLSX workbook (exceljs, as the monitoring report's export): who reports on what
// and in which state, the organisations' progress, and for a closed cycle the monitoring report's
// tables as they were kept at close. In the language of the request.

type Page = Awaited<ReturnType<typeof cycleForExport>>;
type Cell = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, title: string, header: string[], rows: Cell[][]) {
	const sheet = workbook.addWorksheet(title.slice(0, 31));
	sheet.addRow(header).font = { bold: true };
	for (const row of rows) sheet.addRow(row);
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	sheet.columns.forEach((column, i) => {
		const longest = Math.max(...[header, ...rows].map((r) => String(r[i] ?? '').length));
		column.width = Math.min(60, Math.max(8, longest + 2));
	});
}

export async function cycleXlsx(page: Page): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = m.app_name();
	workbook.title = `${page.strategy.title}: ${page.cycle.title}`;
	addSheet(
		workbook,
		m.cycle_sheet_cards(),
		[m.cycle_col_organization(), m.report_col_code(), m.report_col_card(), m.cycle_col_state()],
		page.rows.map((r) => [r.organizationName, r.goalCode, r.cardTitle, cycleStateLabel(r.state)])
	);
	addSheet(
		workbook,
		m.cycle_sheet_organizations(),
		[
			m.cycle_col_organization(),
			m.cycle_col_total(),
			m.cycle_state_accepted(),
			m.cycle_state_submitted(),
			m.cycle_state_returned(),
			m.cycle_state_draft(),
			m.cycle_state_not_started()
		],
		page.organizations.map((o) => [
			o.name,
			o.progress.total,
			o.progress.accepted,
			o.progress.submitted,
			o.progress.returned,
			o.progress.draft,
			o.progress.notStarted
		])
	);
	if (page.snapshot)
		for (const table of reportTables(page.snapshot.monitoring))
			addSheet(workbook, table.title, table.header, table.rows);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
