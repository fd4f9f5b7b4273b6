import { m } from '$lib/paraglide/messages';
import type { GoalLevel } from '$lib/domain/goal-tree';

/** The strategy's own vocabulary for each level; the county calls its operational goals "specific". */
export function levelLabel(level: GoalLevel, owner: 'city' | 'county'): string {
	switch (level) {
		case 'area':
			return m.level_area();
		case 'strategic':
			return m.level_strategic();
		case 'operational':
			return owner === 'county' ? m.level_specific() : m.level_operational();
		case 'task':
			return owner === 'county' ? m.level_action() : m.level_task();
	}
}

export function goalLabel(goal: { code: string | null; title: string }): string {
	return goal.code ? `${goal.code}. ${goal.title}` : goal.title;
}
