import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

/**
 * Reloads what a live event says has changed (the loads that depend on `dependency`), once any
 * navigation under way has ended. SvelteKit lets an invalidation win over a navigation in
 * flight, so reloading at once would drop what the person just did: closing a card, an archive's
 * way back to the board, a link followed on a live page. Nor while the browser is offline (an
 * event that came just before the network went): a load that fails then leaves the app for the
 * browser's offline page, so the reload waits for the connection.
 */
export async function reloadLive(dependency: `app:${string}`): Promise<void> {
	for (let under = navigating.complete; under; under = navigating.complete)
		await under.catch(() => {});
	if (!navigator.onLine)
		await new Promise((back) => addEventListener('online', back, { once: true }));
	await invalidate(dependency);
}
