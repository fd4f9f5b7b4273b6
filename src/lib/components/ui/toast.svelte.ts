/**
 * Toasts: short messages after an action ("Zapisano", "Nie udało się…"). bits-ui has no toast,
 * and a library would be a new dependency for forty lines, so this is our own: a list in a
 * rune, shown by `Toaster.svelte` (in the root layout) inside live regions — polite for news,
 * assertive for errors — so a screen reader reads each one once, without moving the focus.
 */
export type ToastTone = 'info' | 'success' | 'error';
/** `key`: a toast about the same thing replaces the one before it instead of stacking up. */
export type Toast = { id: number; tone: ToastTone; message: string; key?: string };

let next = 1;
export const toasts = $state<Toast[]>([]);

export function dismissToast(id: number) {
	const at = toasts.findIndex((t) => t.id === id);
	if (at >= 0) toasts.splice(at, 1);
}

/** Takes away the toasts shown under `key`. */
export function dismissToasts(key: string) {
	for (const t of toasts.filter((t) => t.key === key)) dismissToast(t.id);
}

/**
 * Shows a message; it goes away by itself after `ms` (errors stay until dismissed: a person who
 * reads slowly, or looked away, must still be able to read what went wrong).
 */
export function showToast(message: string, tone: ToastTone = 'info', ms = 5000, key?: string) {
	if (key) dismissToasts(key);
	const id = next++;
	toasts.push({ id, tone, message, key });
	if (tone !== 'error') setTimeout(() => dismissToast(id), ms);
	return id;
}

export const toast = {
	info: (message: string) => showToast(message, 'info'),
	success: (message: string) => showToast(message, 'success'),
	error: (message: string) => showToast(message, 'error')
};

/**
 * Where toasts show. A modal `<dialog>` (the card) makes the rest of the page inert, so the root
 * layout's toasts would sit unseen and unread behind it: a `Toaster` inside the dialog (`modal`)
 * takes them over while it is mounted, and gives them back when the dialog goes.
 */
const hosts = $state<{ id: number; modal: boolean }[]>([]);
let nextHost = 1;

export function addToastHost(modal: boolean): number {
	const id = nextHost++;
	hosts.push({ id, modal });
	return id;
}

export function removeToastHost(id: number) {
	const at = hosts.findIndex((h) => h.id === id);
	if (at >= 0) hosts.splice(at, 1);
}

/** The host that shows toasts now: the latest modal one, else the root layout's. */
export function activeToastHost(): number | undefined {
	return (hosts.findLast((h) => h.modal) ?? hosts[0])?.id;
}
