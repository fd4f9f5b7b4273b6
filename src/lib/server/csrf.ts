import { json, text } from '@sveltejs/kit';

// Cross-site request forgery: SvelteKit refuses a cross-site POST only when its body is a form
// (urlencoded, multipart, text/plain). This refuses every state-changing request, whatever its
// content type, whose Origin is not the app's own or is missing (every browser sends one on such
// a request), before any route runs, so nothing is written. Safe methods pass: they change nothing.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The one address a request from elsewhere may POST to: an e-mail's one-click unsubscribe (RFC
 * 8058), which a mail provider sends without an Origin. It carries no session; its signed token
 * names the one person and kind it may stop, so a forged request can do nothing with it.
 */
const ONE_CLICK = /^\/email\/unsubscribe\/?$/;

/** The 403 answer for a cross-site state-changing request, or null when the request may go on. */
export function crossSiteRefusal(request: Request, url: URL): Response | null {
	if (SAFE_METHODS.has(request.method)) return null;
	if (request.method === 'POST' && ONE_CLICK.test(url.pathname)) return null;
	if (request.headers.get('origin') === url.origin) return null;
	const message = `Cross-site ${request.method} requests are forbidden`;
	const accept = request.headers.get('accept') ?? '';
	return accept.includes('application/json')
		? json({ message }, { status: 403 })
		: text(message, { status: 403 });
}
