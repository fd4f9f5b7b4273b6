import {
	error,
	json,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { safeRedirect } from '$lib/redirect';
import { readTheme, themeAttributes } from '$lib/server/theme';
import { deleteSessionCookie, readSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { validateSessionToken } from '$lib/server/auth/session';
import { crossSiteRefusal } from '$lib/server/csrf';
import { db, initDatabase, stopDatabase } from '$lib/server/db/app';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { hasNul, translate } from '$lib/server/http';
import { env } from '$lib/server/env';
import { startJobs } from '$lib/server/jobs/scheduler';
import { securityHeaders as headersFor } from '$lib/server/security-headers.js';
import { attachToApp } from '$lib/server/realtime/app';

export const init: ServerInit = async () => {
	env(); // a bad environment variable stops the start here, naming it
	await initDatabase();
	const jobs = startJobs(db);
	// Emitted on SIGINT/SIGTERM once every connection has been answered or closed (by server.js,
	// as by adapter-node's own server): once the app's own requests are done too, close the
	// database so the embedded one is flushed and its lock released.
	process.once('sveltekit:shutdown', () =>
		requestsFinished()
			.then(jobs.stop)
			.then(stopDatabase)
			.then(
				() => console.log('Shutdown: database closed.'),
				(error) => console.error('Shutdown: closing the database failed:', error.message)
			)
	);
	// server.js attaches the real-time server to its HTTP server through this (it cannot import
	// the app's modules, which live in the build).
	(globalThis as Record<symbol, unknown>)[Symbol.for('torun.attachRealtime')] = attachToApp;
};

/**
 * Requests inside the app. server.js stops once every connection is answered or gone, but a
 * request whose client went away goes on working (its loads and actions are not cancelled): the
 * database is closed only once the last of them is done too.
 */
let working = 0;
let lastOneDone: () => void = () => {};
const counted: Handle = async ({ event, resolve }) => {
	working++;
	try {
		return await resolve(event);
	} finally {
		if (--working === 0) lastOneDone();
	}
};
function requestsFinished(): Promise<void> {
	return new Promise((done) => {
		lastOneDone = done;
		if (working === 0) done();
	});
}

const locale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event);
	});

/** app.html's markers for the page's language and theme. */
const PAGE_MARKERS = /%(lang|app\.theme|app\.color-scheme)%/g;

// The page's language and the chosen theme are written into the page on the server, so its first
// paint is already right (no flash of the light theme for someone who chose the dark one). One
// pass for all three markers: each `replace` copies the whole page (800 kB in memory for a
// 200-card board), and SvelteKit's ETag hash copies it once more unless it is left flat.
const theme: Handle = ({ event, resolve }) => {
	event.locals.theme = readTheme(event.cookies);
	const { theme, colorScheme } = themeAttributes(event.locals.theme);
	const values: Record<string, string> = {
		lang: event.locals.locale,
		'app.theme': theme,
		'app.color-scheme': colorScheme
	};
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace(PAGE_MARKERS, (_, name: string) => values[name]!)
	});
};

const PUBLIC_PATHS = [
	/^\/login\/?$/,
	/^\/api\/health\/?$/,
	/^\/public(\/|$)/,
	/^\/language\/?$/,
	/^\/theme\/?$/,
	// An e-mail's unsubscribe link: its signed token is the authority (routes/email/unsubscribe).
	/^\/email\/unsubscribe\/?$/
];

const session: Handle = async ({ event, resolve }) => {
	const token = readSessionCookie(event.cookies, event.url);
	event.locals.user = null;
	event.locals.session = null;
	event.locals.unread = 0;
	if (token) {
		const result = await validateSessionToken(db(), token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.unread = result.unread;
			setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	const isPublic = PUBLIC_PATHS.some((p) => p.test(event.url.pathname));
	if (!event.locals.user && !isPublic) {
		if (event.url.pathname.startsWith('/api/')) {
			return new Response(JSON.stringify({ message: 'Unauthorized' }), {
				status: 401,
				headers: { 'content-type': 'application/json' }
			});
		}
		const target = safeRedirect(event.url.pathname + event.url.search);
		redirect(303, target === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(target)}`);
	}
	const response = await resolve(event);
	// A signed-in answer is the person's own: no shared cache keeps it, and the browser does not
	// show it again from its history after signing out (SvelteKit marks its __data.json so).
	if (event.locals.user && !response.headers.has('cache-control'))
		response.headers.set('cache-control', 'private, no-store');
	return response;
};

/**
 * Requests no page of ours sends, refused before anything reads them: a NUL in the address
 * (PostgreSQL refuses it in text: the query would fail, a 500), and a form posted to the
 * reserved action name `?/default` (SvelteKit throws on it, another 500). The message is in the
 * page's language; a form posted by the page's script gets it in the actions' shape.
 */
const malformed: Handle = ({ event, resolve }) => {
	const refusal = malformedRequest(event.request, event.url);
	if (!refusal) return resolve(event);
	const body = { message: translate(refusal.key) };
	if (event.request.headers.get('x-sveltekit-action') === 'true')
		return json({ type: 'error', error: body }, { status: refusal.status });
	error(refusal.status, body);
};

function malformedRequest(request: Request, url: URL): { status: number; key: string } | null {
	let path = url.pathname;
	try {
		path = decodeURIComponent(path);
	} catch {
		// Not decodable: SvelteKit refuses it itself.
	}
	if (hasNul(path) || [...url.searchParams].some(([k, v]) => hasNul(k) || hasNul(v)))
		return { status: 400, key: 'error_address_invalid' };
	// The action is named by the first query key starting with '/', as SvelteKit reads it.
	const action = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	if (request.method === 'POST' && action === '/default')
		return { status: 404, key: 'error_no_such_action' };
	return null;
}

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(headersFor(event.url.protocol === 'https:')))
		response.headers.set(name, value);
	return response;
};

// Before the session is read: a forged request is refused before it can touch anything.
const sameOrigin: Handle = ({ event, resolve }) =>
	crossSiteRefusal(event.request, event.url) ?? resolve(event);

/**
 * The database unreachable (stopped, restarting): 503 with a message saying so, for a page, a
 * form action or an endpoint alike, rather than a 500 that looks like a bug. The pool reconnects
 * by itself once the server is back; nothing here needs resetting.
 */
const RETRY = { 'retry-after': '5' };
const databaseDown: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (err) {
		// Failed in a hook (the session's lookup is the first query of most requests).
		if (!isDatabaseUnavailable(err)) throw err;
		console.error(`${event.request.method} ${event.url.pathname}: database unavailable:`, `${err}`);
		const body = { message: m.error_database_unavailable(), status: 503 };
		// A form action posted by the page's script reads its answer in the actions' shape.
		if (event.request.headers.get('x-sveltekit-action') === 'true')
			return json({ type: 'error', error: body }, { status: 503, headers: RETRY });
		error(503, body);
	}
	// Failed in a loader, action or endpoint: handleError below answered it and marked why.
	if (response.status !== 500 || !event.locals.databaseDown) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', RETRY['retry-after']);
	return new Response(response.body, { status: 503, headers });
};

export const handle = sequence(
	counted,
	securityHeaders,
	sameOrigin,
	locale,
	theme,
	malformed,
	databaseDown,
	session
);

// Unexpected errors: logged in full here, answered with a code and no details.
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseDown = true;
		console.error(
			`${event.request.method} ${event.url.pathname}: database unavailable:`,
			`${error}`
		);
		return { message: m.error_database_unavailable(), status: 503 };
	}
	// A request the app refuses before reading it (too large, of a type no form sends): the
	// client's mistake, said plainly, not logged as a fault of ours.
	if (status === 413) return { message: m.error_payload_too_large() };
	if (status === 415) return { message: m.error_form_type() };
	if (status < 500) return { message };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: status >= 500 ? m.error_unexpected({ id }) : message, id };
};
