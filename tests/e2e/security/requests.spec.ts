import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
	FOREIGN_ORIGIN,
	mustSignIn,
	send,
	sessionCookie,
	signIn,
	signedIn,
	type Sent,
	type Target
} from './server-http';

// OWASP ASVS V3, V4.2.2 (CSRF), V13/V12 (request limits) and V14.4 (headers), over HTTP against
// the built app that the browser tests use. Nothing here may change its data: every request that
// would is one the app must refuse.

let target: Target;
test.beforeAll(() => {
	const base = test.info().project.use.baseURL!;
	target = { base, origin: new URL(base).origin };
});

/** The demo data's ids and slugs, so that a forged request names things that exist. */
const PARAMS: Record<string, string> = {
	id: '1',
	cardId: '1',
	slug: 'torun-2028',
	table: 'goals'
};

/**
 * Every route that changes state: each form action of a `+page.server.ts`, each
 * POST/PUT/PATCH/DELETE of a `+server.ts` (and, for the check, every `+server.ts` at all).
 */
function stateChangingRoutes(): { file: string; method: string; url: string }[] {
	const routes: { file: string; method: string; url: string }[] = [];
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
			entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]
		);
	for (const file of walk('src/routes')) {
		const name = path.basename(file);
		if (name !== '+page.server.ts' && name !== '+server.ts') continue;
		const url =
			path
				.dirname(file)
				.slice('src/routes'.length)
				.split('/')
				.filter((segment) => segment && !/^\(.*\)$/.test(segment))
				.map((segment) => segment.replace(/\[(\w+)\]/g, (_, param: string) => PARAMS[param] ?? '1'))
				.map((segment) => `/${segment}`)
				.join('') || '/';
		const source = readFileSync(file, 'utf8');
		if (name === '+server.ts') {
			const methods = [...source.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)].map(
				(m) => m[1]!
			);
			for (const method of methods.length ? methods : ['POST']) routes.push({ file, method, url });
			continue;
		}
		const actions = /export const actions[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1];
		if (!actions) continue;
		for (const [, action] of actions.matchAll(/^\t(\w+)\s*[:(]/gm))
			routes.push({ file, method: 'POST', url: action === 'default' ? url : `${url}?/${action}` });
	}
	return routes;
}

/** The e-mail's one-click unsubscribe (src/lib/server/csrf.ts lets it through). */
const ONE_CLICK = '/email/unsubscribe';

test.describe('cross-site request forgery', () => {
	test('every state-changing route refuses another origin, or none, whatever the body', async () => {
		const routes = stateChangingRoutes();
		// The enumeration found what it must: a sample of routes known to exist.
		for (const url of ['/logout', '/language', '/login', '/boards/1?/move', '/goals/1/new-card'])
			expect(routes.map((r) => r.url)).toContain(url);
		expect(routes.length).toBeGreaterThan(40);

		const { cookie } = await mustSignIn(target, 'admin@torun.example');
		const audit = async () => (await send(target, '/audit/export.csv', { cookie })).text();
		const before = await audit();
		expect(before.split('\n').length).toBeGreaterThan(1);

		const forged: Sent[] = [
			{ form: { locale: 'en', name: 'x', title: 'x', password: 'x' }, origin: FOREIGN_ORIGIN },
			{ body: '{"locale":"en","title":"x"}', type: 'application/json', origin: FOREIGN_ORIGIN },
			{ body: '{"locale":"en","title":"x"}', type: 'application/json', origin: null },
			{ body: 'locale=en', type: 'text/plain', origin: FOREIGN_ORIGIN },
			{ form: { locale: 'en' }, origin: 'null' }
		];
		for (const route of routes) {
			for (const request of forged) {
				const response = await send(target, route.url, {
					...request,
					method: route.method,
					cookie
				});
				const what = `${route.method} ${route.url} (${route.file}) ${JSON.stringify(request)}`;
				if (route.url === ONE_CLICK) {
					// The one address open to other sites (RFC 8058: a mail provider's one-click
					// unsubscribe has no Origin): without its signed token it refuses (400; 415 for a
					// body that is not a form), changing nothing.
					expect([400, 415], what).toContain(response.status);
					continue;
				}
				expect(response.status, what).toBe(403);
				expect(await response.text(), what).toMatch(
					/^Cross-site \w+ (form submissions|requests) are forbidden/
				);
				expect(response.headers.getSetCookie(), what).toEqual([]);
			}
		}
		// Nothing was written, and the forged sign-out did not end the session.
		expect(await audit()).toBe(before);
		expect(await signedIn(target, cookie)).toBe(true);
	});

	test('the same requests from the app itself go through', async () => {
		const { cookie } = await mustSignIn(target, 'wydzial@torun.example');
		const json = await send(target, '/language', {
			body: '{"locale":"pl"}',
			type: 'application/json',
			cookie
		});
		// Past the origin check: the form action itself answers that JSON is no form.
		expect(json.status).toBe(415);
		const form = await send(target, '/language', {
			form: { locale: 'pl', redirectTo: '/boards' },
			cookie
		});
		expect(form.status).toBe(303);
		expect(form.headers.get('location')).toBe('/boards');
	});
});

test.describe('request size', () => {
	const big = 'a'.repeat(600 * 1024);

	test('a body over the limit is refused with 413 and a plain message', async () => {
		const response = await send(target, '/login', { form: { email: 'a@b.pl', password: big } });
		expect(response.status).toBe(413);
		const body = await response.text();
		expect(body).toContain('Przesłane dane są za duże.');
		expect(body).not.toMatch(/at \w+ \(|node:internal|SvelteKitError/);
	});

	test('so is one sent in chunks, with no length announced', async () => {
		const chunks = new ReadableStream({
			start(controller) {
				for (let i = 0; i < 6; i += 1)
					controller.enqueue(new TextEncoder().encode(big.slice(0, 100 * 1024)));
				controller.close();
			}
		});
		const response = await fetch(new URL('/login', target.base), {
			method: 'POST',
			headers: { origin: target.origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: chunks,
			redirect: 'manual',
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
	});

	test('a body under it is read and answered as usual', async () => {
		const response = await send(target, '/login', {
			form: { email: 'a@b.pl', password: 'a'.repeat(100 * 1024) }
		});
		expect(response.status).toBe(400);
	});
});

test.describe('session cookie over plain http', () => {
	test('is HttpOnly, SameSite=Lax, Path=/, and new at every sign-in', async () => {
		const planted = 'a'.repeat(39);
		const first = await mustSignIn(target, 'ngo@torun.example');
		const cookie = sessionCookie(first.response)!;
		expect(cookie.name).toBe('session');
		expect(cookie.attributes).toEqual(
			expect.arrayContaining(['httponly', 'samesite=lax', 'path=/'])
		);
		expect(cookie.attributes.some((a) => a.startsWith('domain='))).toBe(false);
		expect(cookie.value).toMatch(/^[a-z2-7]{39}$/);

		// Session fixation: whatever token the browser held before signing in, planted or a
		// real session, the one after is new and the one before opens nothing.
		const planting = await signIn(target, 'ngo@torun.example', { cookie: `session=${planted}` });
		expect('token' in planting && planting.token).not.toBe(planted);
		const again = await signIn(target, 'ngo@torun.example', { cookie: first.cookie });
		if (!('token' in again)) throw new Error('the second sign-in failed');
		expect(again.token).not.toBe(first.token);
		expect(await signedIn(target, first.cookie)).toBe(false);
		expect(await signedIn(target, again.cookie)).toBe(true);
		expect(await signedIn(target, `session=${planted}`)).toBe(false);
	});
});

test.describe('security headers', () => {
	const framing = (headers: Headers) =>
		headers.get('x-frame-options') === 'DENY' ||
		/frame-ancestors 'none'/.test(headers.get('content-security-policy') ?? '');

	function checkBase(headers: Headers, what: string) {
		expect(headers.get('x-content-type-options'), what).toBe('nosniff');
		expect(headers.get('referrer-policy'), what).toMatch(
			/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/
		);
		expect(framing(headers), what).toBe(true);
	}

	/** A page's CSP: present, no inline script but what a hash or nonce in it names. */
	function checkCsp(headers: Headers, html: string, what: string) {
		const csp = headers.get('content-security-policy');
		expect(csp, what).toBeTruthy();
		const directives = new Map(
			csp!.split(';').map((d) => {
				const [name, ...values] = d.trim().split(/\s+/);
				return [name!, values] as const;
			})
		);
		const scripts = directives.get('script-src') ?? directives.get('default-src')!;
		expect(scripts, what).not.toContain("'unsafe-inline'");
		expect(scripts, what).not.toContain("'unsafe-eval'");
		expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
		expect(directives.get('object-src'), what).toEqual(["'none'"]);
		expect(directives.get('base-uri'), what).toEqual(["'self'"]);
		const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
		expect(inline.length, `${what}: SvelteKit's bootstrap script`).toBeGreaterThan(0);
		for (const [, attributes, body] of inline) {
			const nonce = /nonce="([^"]+)"/.exec(attributes!)?.[1];
			const hash = `'sha256-${createHash('sha256').update(body!).digest('base64')}'`;
			const covered = (nonce && scripts.includes(`'nonce-${nonce}'`)) || scripts.includes(hash);
			expect(covered, `${what}: inline script ${body!.slice(0, 60)}…`).toBeTruthy();
		}
	}

	test('on pages, error pages, JSON, redirects and static files', async () => {
		const { cookie } = await mustSignIn(target, 'koordynator@torun.example');
		const pages = [
			['/login', undefined],
			['/public', undefined],
			['/public/no-such-page', undefined],
			['/no-such-page', cookie],
			['/boards', cookie],
			['/boards/999999', cookie]
		] as const;
		let script: string | undefined;
		for (const [url, withCookie] of pages) {
			const response = await send(target, url, { cookie: withCookie });
			const html = await response.text();
			const what = `${url} (${response.status})`;
			expect(response.headers.get('content-type'), what).toContain('text/html');
			checkBase(response.headers, what);
			checkCsp(response.headers, html, what);
			script ??= /<script[^>]*\ssrc="([^"]+)"|import\("([^"]+\.js)"\)/
				.exec(html)
				?.slice(1)
				.find(Boolean);
			script ??= /"(\/_app\/immutable\/[^"]+\.js)"/.exec(html)?.[1];
		}
		expect(script).toBeTruthy();
		const others = [
			['/api/health', undefined, 200],
			['/api/boards/1/events?after=0', undefined, 401],
			['/api/boards/1/events?after=0', cookie, 200],
			['/boards', undefined, 303],
			['/public/events', undefined, 200],
			[new URL(script!, target.base + '/').pathname, undefined, 200]
		] as const;
		for (const [url, withCookie, status] of others) {
			const controller = new AbortController();
			const response = await fetch(new URL(url, target.base), {
				headers: withCookie ? { cookie: withCookie } : {},
				redirect: 'manual',
				signal: controller.signal
			});
			expect(response.status, url).toBe(status);
			checkBase(response.headers, `${url} (${response.status})`);
			// The public feed is a stream that stays open: only its headers are read.
			controller.abort();
		}
	});
});
