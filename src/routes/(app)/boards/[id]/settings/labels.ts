import { m } from '$lib/paraglide/messages';
import { COLUMN_STATUSES, type ColumnStatus } from '$lib/schemas/columns';

// Words and helpers shared by the board's settings page and its column editor.

const statusLabels: Record<ColumnStatus, () => string> = {
	todo: m.columns_status_todo,
	in_progress: m.columns_status_in_progress,
	blocked: m.columns_status_blocked,
	done: m.columns_status_done
};

export const statusLabel = (status: ColumnStatus) => statusLabels[status]();

export const statusOptions = () =>
	COLUMN_STATUSES.map((value) => ({ value, label: statusLabel(value) }));

/** What an action answered: `intent` on success, the echoed hidden `intent` on failure. */
export interface ColumnFormResult {
	intent?: string;
	done?: string;
	title?: string;
	target?: string;
	count?: number;
	position?: number;
	errors?: Record<string, string[] | undefined>;
	message?: string;
	values?: Record<string, unknown>;
}

/** The last answer if it came from the form(s) of `intent`, so each shows beside its form. */
export function scoped(form: unknown, intent: string): ColumnFormResult | null {
	const result = form as ColumnFormResult | null | undefined;
	if (!result) return null;
	return result.intent === intent || result.values?.intent === intent ? result : null;
}
