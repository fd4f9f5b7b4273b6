// Reporting cycles without I/O: a card's state in a cycle, the progress figures, and which of a
// cycle's reminders is due on a day.
//
// A report belongs to a cycle when its period overlaps the cycle's period (the rule the
// monitoring report uses for "activities in the period"). The card's lead organisation must report;
// its partners may, and their report counts for the card. A card's state in the cycle is the best
// of its reports that belong to it: accepted, then submitted, then returned, then draft; with none
// it is not started. An organisation's reports are "in" when every card it leads is submitted or
// accepted: then its reminders stop.

export const CYCLE_STATES = ['not_started', 'draft', 'returned', 'submitted', 'accepted'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];

export type ReportState = 'draft' | 'submitted' | 'returned' | 'accepted';

export const stateOf = (status: ReportState | null | undefined): CycleState =>
	status ?? 'not_started';

/** A report in: submitted or accepted. */
export const isIn = (state: CycleState) => state === 'submitted' || state === 'accepted';

export interface CycleProgress {
	total: number;
	accepted: number;
	submitted: number;
	returned: number;
	draft: number;
	notStarted: number;
	/** Accepted, as a whole percent of the total; null with nothing to report. */
	percent: number | null;
}

export function progressOf(states: readonly CycleState[]): CycleProgress {
	const count = (s: CycleState) => states.filter((x) => x === s).length;
	const accepted = count('accepted');
	return {
		total: states.length,
		accepted,
		submitted: count('submitted'),
		returned: count('returned'),
		draft: count('draft'),
		notStarted: count('not_started'),
		percent: states.length ? Math.round((accepted / states.length) * 100) : null
	};
}

/** Adds `days` to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export interface ReminderPlan {
	deadline: string;
	/** Days before the deadline. */
	remindBefore: readonly number[];
	/** Days after the deadline. */
	remindAfter: readonly number[];
}

/** Every reminder of a cycle with its day, in order: `before:14`, `before:3`, `after:1`… */
export function reminderSteps(plan: ReminderPlan): { step: string; day: string }[] {
	return [
		...plan.remindBefore.map((d) => ({ step: `before:${d}`, day: addDays(plan.deadline, -d) })),
		...plan.remindAfter.map((d) => ({ step: `after:${d}`, day: addDays(plan.deadline, d) }))
	].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/**
 * The reminder due on `today`: the latest whose day has come. Earlier ones that were never sent
 * (the cycle was opened late, the job did not run) are not sent late: one reminder is enough.
 */
export function dueStep(plan: ReminderPlan, today: string): string | null {
	const due = reminderSteps(plan).filter((s) => s.day <= today);
	return due.at(-1)?.step ?? null;
}

/** A list of whole days typed as `14, 3` (each at most a year): each once, largest first. */
export function parseDays(text: string): number[] | null {
	const parts = text.split(/[,;\s]+/).filter(Boolean);
	if (parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 365)) return null;
	return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}
