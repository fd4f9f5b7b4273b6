// Where the app may send a browser when the target came with the request (a `redirectTo` field
// or query value): the one judge of it, on the server and in the browser alike.
//
// A target is read the way the browser will read the Location header (the WHATWG URL parser),
// not the way it looks: the parser drops leading and trailing control characters and spaces,
// removes tab, LF and CR anywhere, and takes `\` for `/`. So `/\t/evil.example` and
// `/\evil.example` are both `//evil.example`, another site. Only a path on this site passes.

/** A host no request names: resolving against it shows whether a target stays on the site. */
const BASE = 'http://x.invalid';

/** Controls and spaces the URL parser strips from both ends of a URL. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
/** Removed anywhere in a URL by the parser. */
const TAB_OR_NEWLINE = /[\t\n\r]/g;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

/** `target` if it is a path on this site (normalised: `/a/../b` → `/b`), else `fallback`. */
export function safeRedirect(target: unknown, fallback = '/'): string {
	if (typeof target !== 'string') return fallback;
	const read = backslashesInPath(target.replace(EDGES, '').replace(TAB_OR_NEWLINE, ''));
	if (!isPath(read) || CONTROL.test(read)) return fallback;
	let url: URL;
	try {
		url = new URL(read, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	const path = url.pathname + url.search + url.hash;
	// `/..//evil.example` resolves to the path `//evil.example`: sent back as it is, a browser
	// would read that as another site. And a path that becomes one once decoded again
	// (`/%09/evil.example`, `/%5Cevil.example`) is no link of ours: a proxy or a later step that
	// decodes it would be sent off the site.
	const decoded = decodedOnce(path);
	if (!isPath(path) || !isPath(backslashesInPath(decoded)) || CONTROL.test(decoded))
		return fallback;
	return path;
}

function decodedOnce(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** `\` is `/` in a path (the parser's reading for http and https), not in a query or fragment. */
function backslashesInPath(value: string): string {
	const end = value.search(/[?#]/);
	if (end < 0) return value.replaceAll('\\', '/');
	return value.slice(0, end).replaceAll('\\', '/') + value.slice(end);
}

/** Starts with exactly one slash: a path, not a scheme, a host or a relative reference. */
function isPath(value: string): boolean {
	return value.startsWith('/') && !value.startsWith('//');
}
