import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

/**
 * Reloads what a live event says has changed (the loads that depend on `dependency`), once any
 * navigation under way has ended. SvelteKit lets an invalidation win over a navigation in
 * flight, so reloading at once would drop what the person just did: closing a card, an archive's
 * way back to the board, a link followed on a live page.
 */
export async function reloadLive(dependency: `app:${string}`): Promise<void> {
	for (let under = navigating.complete; under; under = navigating.complete)
		await under.catch(() => {});
	await invalidate(dependency);
}
