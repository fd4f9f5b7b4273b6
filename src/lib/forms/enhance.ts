import { enhance as kitEnhance } from '$app/forms';
import { goto, invalidate, invalidateAll } from '$app/navigation';
import type { ActionResult, SubmitFunction } from '@sveltejs/kit';
import { dismissToasts, showToast } from '$lib/components/ui/toast.svelte';
import { m } from '$lib/paraglide/messages';

// Every enhanced form of the app goes through `enhance` here rather than `$app/forms`'s (the
// linter says so). SvelteKit's own, when the connection is down:
// - a request that fails (no network, a connection dropped mid-save) comes back as an `error`
//   result without a status, and its default `update()` puts the route's error page ("500 Failed
//   to fetch") in place of the form and what was typed in it;
// - an answer that did arrive (a slow save) is followed by reloading the page's data or by the
//   answer's redirect, and a load that fails then makes SvelteKit fall back to a full-page
//   navigation: the tab ends on the browser's own offline page.
// Here instead the page stays as it is, nothing typed is reset, and a toast says what happened.

type SubmitInput = Parameters<SubmitFunction>[0];
type Callback = Exclude<Awaited<ReturnType<SubmitFunction>>, void>;
/**
 * A submit function as SvelteKit's, plus `unsent(then)`: what to undo (a "sending…" state) when
 * the request could not go through. Its callback is not called then: the page stays as it was.
 */
export type Submit = (
	input: SubmitInput & { unsent: (then: () => void) => void }
) => ReturnType<SubmitFunction>;

/** The toasts about the connection replace one another. */
const KEY = 'connection';
const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'number', 'password']);

/** Whether the form holds something the person typed (then the message says it is kept). */
function typedIn(form: HTMLFormElement): boolean {
	return [...form.elements].some(
		(el) =>
			(el instanceof HTMLTextAreaElement ||
				(el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type))) &&
			el.value.trim() !== ''
	);
}

/** No request made: the connection is down. Nothing was saved, and the form is left as it is. */
export function refuseUnsent(form: HTMLFormElement) {
	const rest = typedIn(form) ? m.form_offline_kept() : m.form_offline_retry();
	showToast(`${m.form_offline_unsent()} ${rest}`, 'error', 0, KEY);
}

/** The request failed under way: it may or may not have reached the server before it broke. */
function tellDropped(form: HTMLFormElement) {
	const rest = typedIn(form) ? m.form_offline_dropped_kept() : m.form_offline_dropped_retry();
	showToast(`${m.form_offline_dropped()} ${rest}`, 'error', 0, KEY);
}

/** A request that never got an answer: a network error, or no page of ours in answer. */
function isDropped(result: ActionResult): boolean {
	return result.type === 'error' && result.status === undefined;
}

const waiting = new Map<string, () => unknown>();
/** Runs `then` once the browser is back online (one per `key`: the latest wins). */
function whenOnline(key: string, then: () => unknown) {
	if (waiting.size === 0)
		addEventListener(
			'online',
			() => {
				const all = [...waiting.values()];
				waiting.clear();
				for (const run of all) void run();
			},
			{ once: true }
		);
	waiting.set(key, then);
}

/**
 * Reloads the page's data (all of it, or what depends on `dependency`), now or, while the
 * connection is down, once it is back: a load that fails offline would leave the app.
 */
export async function refresh(dependency?: `app:${string}`): Promise<void> {
	const run = () => (dependency ? invalidate(dependency) : invalidateAll());
	if (navigator.onLine) return run();
	whenOnline(dependency ?? 'all', run);
}

/**
 * SvelteKit's `update` for an answer that arrived: as it is while online; offline, the answer is
 * taken without leaving the page, and the reload or the redirect waits for the connection.
 */
function guarded(update: Parameters<Callback>[0]['update'], result: ActionResult) {
	return async (options?: { reset?: boolean; invalidateAll?: boolean }) => {
		if (navigator.onLine || (result.type !== 'success' && result.type !== 'redirect'))
			return update(options);
		showToast(m.form_offline_saved(), 'info', 8000, KEY);
		if (result.type === 'success') {
			await update({ ...options, invalidateAll: false });
			if (options?.invalidateAll !== false) whenOnline('all', invalidateAll);
			return;
		}
		// Where the answer leads (a new card), unless the person has gone elsewhere meanwhile.
		const here = location.href;
		whenOnline(`goto:${result.location}`, () => {
			if (location.href === here) return goto(result.location, { invalidateAll: true });
		});
	};
}

/**
 * `use:enhance` for every form of the app: SvelteKit's, except when the connection is down (see
 * above). A form marked `data-local` changes only this device (the theme): it is not refused
 * offline, and its failed request is not reported.
 */
export function enhance(form: HTMLFormElement, submit: Submit = () => {}) {
	return kitEnhance(form, async (input) => {
		const local = form.hasAttribute('data-local');
		if (!local && !navigator.onLine) {
			input.cancel();
			refuseUnsent(form);
			return;
		}
		let unsent: (() => void) | undefined;
		const callback = await submit({ ...input, unsent: (then) => (unsent = then) });
		return async (answer) => {
			if (isDropped(answer.result)) {
				unsent?.();
				if (!local) tellDropped(form);
				return;
			}
			dismissToasts(KEY);
			const update = guarded(answer.update, answer.result);
			if (callback) await callback({ ...answer, update });
			else await update();
		};
	});
}
