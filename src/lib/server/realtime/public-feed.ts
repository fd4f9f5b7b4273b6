// The public progress page's live feed: the real-time server calls `changed()` for every
// published board event, and the page's Server-Sent Events stream tells its readers to reload.
// The sockets stay for signed-in people only; this carries no content at all. Kept on globalThis,
// as in development the real-time server and the app load their own copies of this module.

type Listener = () => void;
const KEY = Symbol.for('torun.publicFeed');
const holder = globalThis as { [KEY]?: Set<Listener> };
const listeners = (holder[KEY] ??= new Set());

export function publicChanged() {
	for (const listener of listeners) listener();
}

export function onPublicChange(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
