// What the page's colours are now, for what draws with colours of its own (a chart's canvas).
// The tokens of src/app.css are `light-dark(…)` pairs: a canvas cannot read them, so a colour is
// resolved by the browser on an element in the page, in the theme in force there.

/**
 * The colours `values` (any CSS colour: `var(--color-text)`, `#fff`) have now inside `host`, as
 * `rgb(…)` strings a canvas understands, in the same order.
 */
export function resolveColours(host: Element, values: readonly string[]): string[] {
	const probe = document.createElement('span');
	probe.hidden = true;
	host.append(probe);
	try {
		return values.map((value) => {
			probe.style.color = '';
			probe.style.color = value;
			return getComputedStyle(probe).color;
		});
	} finally {
		probe.remove();
	}
}

/**
 * Calls `changed` whenever the theme may have changed: a theme picked (`data-theme` on `<html>`,
 * set by the theme switch) or, under the system's theme, the system's own switching between
 * light and dark. Returns the function that stops watching.
 */
export function watchTheme(changed: () => void): () => void {
	const observer = new MutationObserver(changed);
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
	const system = window.matchMedia('(prefers-color-scheme: dark)');
	system.addEventListener('change', changed);
	return () => {
		observer.disconnect();
		system.removeEventListener('change', changed);
	};
}
