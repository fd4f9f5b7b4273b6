import { deserialize } from '$app/forms';
import type { MarkdownPreviewInput } from '$lib/schemas/markdown';

/**
 * Markdown written on a card (its description, a comment) as it will be shown once saved,
 * rendered by the card's `?/preview` action with the renderer and sanitiser of the saved text.
 * `base` is the card's URL.
 */
export async function previewOnCard(
	base: string,
	kind: MarkdownPreviewInput['kind'],
	text: string
): Promise<string> {
	const body = new FormData();
	body.set('kind', kind);
	body.set('text', text);
	const response = await fetch(`${base}?/preview`, {
		method: 'POST',
		body,
		headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
	});
	const result = deserialize(await response.text());
	const preview = result.type === 'success' ? result.data?.preview : undefined;
	if (typeof preview !== 'string') throw new Error(`preview: ${result.type}`);
	return preview;
}
