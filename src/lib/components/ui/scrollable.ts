/**
 * For a `.table-wrap` (or any box that may scroll sideways): reachable by the keyboard while, and
 * only while, its content is wider than it, so that someone without a mouse can scroll it with
 * the arrow keys (WCAG 2.1.1), with no extra tab stop when everything fits.
 */
export function scrollable(node: HTMLElement) {
	const update = () => {
		if (node.scrollWidth > node.clientWidth + 1) node.setAttribute('tabindex', '0');
		else node.removeAttribute('tabindex');
	};
	const observer = new ResizeObserver(update);
	observer.observe(node);
	for (const child of node.children) observer.observe(child);
	update();
	return { destroy: () => observer.disconnect() };
}
