import { m } from '$lib/paraglide/messages';
import type { CardStatus, GoalProgress, GoalStatus } from '$lib/domain/progress';

// Progress as words: the tree and the goal page say it in text, so that no one depends on the
// colour or length of a bar to read it.

const statusLabels: Record<CardStatus | 'overdue', () => string> = {
	todo: m.progress_status_todo,
	in_progress: m.progress_status_in_progress,
	blocked: m.progress_status_blocked,
	done: m.progress_status_done,
	overdue: m.progress_status_overdue
};

export const statusLabel = (status: CardStatus | 'overdue') => statusLabels[status]();

const goalStatusLabels: Record<GoalStatus, () => string> = {
	on_track: m.goal_status_on_track,
	at_risk: m.goal_status_at_risk,
	off_track: m.goal_status_off_track,
	no_data: m.goal_status_no_data
};

/** "na dobrej drodze", "zagrożony", "poza planem" or "brak danych". */
export const goalStatusLabel = (status: GoalStatus) => goalStatusLabels[status]();

/** "zrealizowane: 3 z 8 (37%) · zablokowane: 1 · po terminie: 2", or "brak kart". */
export function progressText(value: GoalProgress | undefined): string {
	const progress = value?.progress;
	if (!value || !progress || progress.percent === null) return m.progress_none();
	const parts = [
		m.progress_done_of_total({
			done: progress.done,
			total: progress.total,
			percent: progress.percent
		})
	];
	// Only what needs attention is added, so the common case stays short.
	if (value.subtree.blocked > 0) parts.push(m.progress_blocked({ count: value.subtree.blocked }));
	if (value.subtree.overdue > 0) parts.push(m.progress_overdue({ count: value.subtree.overdue }));
	return parts.join(' · ');
}
