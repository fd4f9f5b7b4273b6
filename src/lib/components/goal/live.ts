import { coalesce } from '$lib/components/board/live';
import { watchRoom } from '$lib/realtime/client';
import { reloadLive } from '$lib/realtime/reload';

// A strategy's goal pages, live: when a card of one of its boards changes, the progress shown
// (counted for this person over HTTP) is reloaded, one reload at a time.

export function followStrategy(strategyId: number) {
	const reload = coalesce(() => reloadLive('app:progress'));
	return watchRoom(`strategy:${strategyId}`, { onEvent: reload, onRejoin: reload });
}
