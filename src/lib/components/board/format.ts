// Small display rules shared by the board's components.

/** Today in the viewer's calendar, as 'YYYY-MM-DD' (the form dates travel in). */
export function today(): string {
	const now = new Date();
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A card is overdue when its due date has passed and it is not done. */
export function dueState(dueDate: string | null, done: boolean): 'overdue' | 'due' | 'none' {
	if (!dueDate) return 'none';
	return !done && dueDate < today() ? 'overdue' : 'due';
}

/** How a due date reads on a tile: done, overdue, within a week, later, or none. */
export type DueTone = 'done' | 'overdue' | 'soon' | 'later' | 'none';

/** The days from `from` to `to`, both 'YYYY-MM-DD'. */
function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function dueTone(dueDate: string | null, done: boolean, now = today()): DueTone {
	if (!dueDate) return 'none';
	if (done) return 'done';
	const days = daysBetween(now, dueDate);
	return days < 0 ? 'overdue' : days <= 7 ? 'soon' : 'later';
}

export function initials(name: string): string {
	return name
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((part) => part[0]!.toUpperCase())
		.join('');
}
