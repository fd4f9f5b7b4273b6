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

export function initials(name: string): string {
	return name
		.split(/\s+/)
		.filter(Boolean)
		.slice(0, 2)
		.map((part) => part[0]!.toUpperCase())
		.join('');
}
