import { invalidate } from '$app/navigation';
import { coalesce } from '$lib/components/board/live';
import { watchRoom } from '$lib/realtime/client';

// A strategy's goal pages, live: when a card of one of its boards changes, the progress shown
// (counted for this person over HTTP) is reloaded, one reload at a time.

export function followStrategy(strategyId: number) {
	const reload = coalesce(() => invalidate('app:progress'));
	return watchRoom(`strategy:${strategyId}`, { onEvent: reload, onRejoin: reload });
}
