import { Readable } from 'node:stream';
import { INLINE_TYPES } from '../files/content';

// How a file leaves: always as a download, except an image or a PDF asked for in place
// (`?inline`), which is shown under a sandboxing policy (no script, no form, no plugin of its
// own origin can run in it). The type is the one found in its content; nosniff keeps the
// browser to it.

/** `attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback and the real name. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
	const ascii = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		// Ł has no decomposition: the one Polish letter NFKD leaves as it is.
		.replace(/ł/g, 'l')
		.replace(/Ł/g, 'L')
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\%]/g, '_');
	return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const SANDBOX_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

export function fileResponse(
	file: { name: string; mime: string; size?: number },
	stream: Readable,
	wantInline: boolean
): Response {
	const inline = wantInline && INLINE_TYPES.has(file.mime);
	const headers: Record<string, string> = {
		'content-type': file.mime,
		'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
		'x-content-type-options': 'nosniff',
		'content-security-policy': SANDBOX_CSP,
		'cross-origin-resource-policy': 'same-origin',
		// The person's own: kept by their browser only, and checked again on each request.
		'cache-control': 'private, no-cache'
	};
	if (file.size !== undefined) headers['content-length'] = String(file.size);
	return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers });
}
