import { m } from '$lib/paraglide/messages';
import type { Priority } from '$lib/schemas/cards';

export function priorityLabel(priority: Priority | string): string {
	switch (priority) {
		case 'low':
			return m.priority_low();
		case 'high':
			return m.priority_high();
		case 'urgent':
			return m.priority_urgent();
		default:
			return m.priority_normal();
	}
}

export function statusLabel(status: string): string {
	switch (status) {
		case 'todo':
			return m.status_todo();
		case 'in_progress':
			return m.status_in_progress();
		case 'blocked':
			return m.status_blocked();
		default:
			return m.status_done();
	}
}
