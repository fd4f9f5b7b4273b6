/**
 * Toasts: short messages after an action ("Zapisano", "Nie udało się…"). bits-ui has no toast,
 * and a library would be a new dependency for forty lines, so this is our own: a list in a
 * rune, shown by `Toaster.svelte` (in the root layout) inside live regions — polite for news,
 * assertive for errors — so a screen reader reads each one once, without moving the focus.
 */
export type ToastTone = 'info' | 'success' | 'error';
export type Toast = { id: number; tone: ToastTone; message: string };

let next = 1;
export const toasts = $state<Toast[]>([]);

export function dismissToast(id: number) {
	const at = toasts.findIndex((t) => t.id === id);
	if (at >= 0) toasts.splice(at, 1);
}

/**
 * Shows a message; it goes away by itself after `ms` (errors stay until dismissed: a person who
 * reads slowly, or looked away, must still be able to read what went wrong).
 */
export function showToast(message: string, tone: ToastTone = 'info', ms = 5000) {
	const id = next++;
	toasts.push({ id, tone, message });
	if (tone !== 'error') setTimeout(() => dismissToast(id), ms);
	return id;
}

export const toast = {
	info: (message: string) => showToast(message, 'info'),
	success: (message: string) => showToast(message, 'success'),
	error: (message: string) => showToast(message, 'error')
};
