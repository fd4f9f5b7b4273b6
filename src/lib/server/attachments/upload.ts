// An upload's body, read as a stream. Forms are held to adapter-node's BODY_SIZE_LIMIT (512 kB,
// server.js), far below a file's limit, so server.js hands an upload's request to the app without
// its content type: adapter-node then leaves the body unread, and the route reads the Node
// request itself, counting MAX_UPLOAD_MB as it goes (files/store.ts). Elsewhere (development,
// tests) the request's own body stream is read, under the same count.

/** The attachment upload route's path: server.js knows it by this pattern. */
export const UPLOAD_PATH = /^\/boards\/\d+\/cards\/\d+\/attachments\/?$/;

export function uploadBody(
	request: Request,
	platform: App.Platform | undefined
): { body: AsyncIterable<Uint8Array> | null; declaredSize: number | null } {
	const length = request.headers.get('content-length');
	const declaredSize = length !== null && /^\d+$/.test(length) ? Number(length) : null;
	const raw = platform?.req;
	const body: AsyncIterable<Uint8Array> | null =
		request.body ?? (raw && !raw.readableEnded ? raw : null);
	return { body, declaredSize };
}

/** The file's name, sent URI-encoded in `x-file-name` (a header carries only Latin-1). */
export function uploadName(request: Request): string {
	const raw = request.headers.get('x-file-name') ?? '';
	try {
		return decodeURIComponent(raw);
	} catch {
		return raw;
	}
}
