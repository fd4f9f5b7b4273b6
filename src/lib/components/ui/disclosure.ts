import type { Action } from 'svelte/action';

/**
 * Opens a <details> when `open` is true at first, and again only when `open` itself changes —
 * not whenever the page's data reloads (a live update must not close what the reader opened).
 */
export const openWhen: Action<HTMLDetailsElement, boolean> = (node, open) => {
	let last = open;
	node.open = open;
	return {
		update(next) {
			if (next !== last) node.open = next;
			last = next;
		}
	};
};
