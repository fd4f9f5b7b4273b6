import type { CycleState } from '$lib/domain/cycles';
import { m } from '$lib/paraglide/messages';

// A card's state in a reporting cycle, in the page's language, and its badge's tone.

export const cycleStateLabel = (state: CycleState): string =>
	({
		not_started: m.cycle_state_not_started,
		draft: m.cycle_state_draft,
		returned: m.cycle_state_returned,
		submitted: m.cycle_state_submitted,
		accepted: m.cycle_state_accepted
	})[state]();

export const cycleStateTone = (
	state: CycleState
): 'neutral' | 'primary' | 'success' | 'warning' | 'danger' =>
	(
		({
			not_started: 'danger',
			draft: 'neutral',
			returned: 'warning',
			submitted: 'primary',
			accepted: 'success'
		}) as const
	)[state];
