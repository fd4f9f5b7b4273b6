import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../helpers';
import { ANONYMOUS, signInSession, type Session } from './http';
import { freshDataDir, removeDataDir, startOn, tableSums, type KeptServer } from './data-dir';
import { HOSTILE_REDIRECTS, malformedRequests, type Malformed } from './malformed';
import { findResources, type Resources } from './resources';
import { ROUTE_TABLE, type Entry } from './route-table';

// OWASP ASVS V5.1 (input validation) and V5.1.5 (redirects): every form action and endpoint of
// the route table is sent input it cannot take (./malformed.ts) by a signed-in coordinator, who
// sees everything (the administrator where only the administrator gets past the door), and must
// answer 4xx, never a 500, and write nothing: checked row by row, in every table, on a server of
// this test's own, stopped before and after the walk.

/** A redirect's target as a browser resolves it against the app's origin. */
function landsOn(location: string, base: string): string {
	return new URL(location, base).origin;
}

async function answer(base: string, cookie: string, m: Malformed) {
	const headers: Record<string, string> = { origin: base, cookie };
	if (m.type) headers['content-type'] = m.type;
	if (m.method === 'POST') {
		headers.accept = m.enhanced ? 'application/json' : 'text/html';
		if (m.enhanced) headers['x-sveltekit-action'] = 'true';
	}
	const abort = new AbortController();
	const res = await fetch(base + m.url, {
		method: m.method,
		headers,
		body: m.body,
		redirect: 'manual',
		signal: abort.signal
	});
	let status = res.status;
	let location = res.headers.get('location');
	if (res.headers.get('content-type')?.startsWith('text/event-stream')) abort.abort();
	else {
		const text = await res.text();
		if (m.enhanced && res.headers.get('content-type')?.includes('json')) {
			const json = JSON.parse(text) as { type?: string; status?: number; location?: string };
			if (json.type === 'failure' || json.type === 'redirect' || json.type === 'success') {
				status = json.status ?? status;
				location = json.location ?? location;
			}
		}
	}
	return { status, location };
}

function verdict(m: Malformed, base: string, a: { status: number; location: string | null }) {
	if (a.status >= 400 && a.status < 500) return true;
	if (m.expect === 'answered') return a.status < 500;
	if (m.expect === 'redirect')
		return a.status === 303 && !!a.location && landsOn(a.location, base) === new URL(base).origin;
	return false;
}

test.describe('redirect targets', () => {
	// The three ways a target comes in: the sign-in page's query (signed in, it sends the person
	// on), the sign-in form posted without JavaScript, and the language switch.
	let base: string;
	test.beforeAll(() => {
		base = test.info().project.use.baseURL!;
	});

	/** `303 /` (sent home) or `400` (refused: a NUL); anything else is wrong. */
	const outcome = async (res: Response) => {
		await res.body?.cancel();
		return res.status === 303 ? `303 ${res.headers.get('location')}` : String(res.status);
	};
	const post = (path: string, form: Record<string, string>) =>
		fetch(`${base}${path}`, {
			method: 'POST',
			body: new URLSearchParams(form),
			headers: { origin: base, accept: 'text/html' },
			redirect: 'manual'
		});

	test('a target off the site, as a browser would read it, goes home instead', async () => {
		const signed = await signInSession(base, 'ngo@torun.example');
		for (const target of HOSTILE_REDIRECTS) {
			const what = JSON.stringify(target);
			const page = await fetch(`${base}/login?redirectTo=${encodeURIComponent(target)}`, {
				headers: { cookie: signed.cookie },
				redirect: 'manual'
			});
			expect.soft(await outcome(page), `GET /login ${what}`).toMatch(/^(303 \/|400)$/);
			const form = await post('/login', {
				email: 'ngo@torun.example',
				password: DEMO_PASSWORD,
				redirectTo: target
			});
			expect.soft(await outcome(form), `POST /login ${what}`).toMatch(/^(303 \/|400)$/);
			const language = await post('/language', { locale: 'pl', redirectTo: target });
			expect.soft(await outcome(language), `POST /language ${what}`).toMatch(/^(303 \/|400)$/);
		}
	});

	test('a target on the site is kept, query and fragment too', async () => {
		const signed = await signInSession(base, 'ngo@torun.example');
		const target = '/boards?view=list&q=a%20b#top';
		const page = await fetch(`${base}/login?redirectTo=${encodeURIComponent(target)}`, {
			headers: { cookie: signed.cookie },
			redirect: 'manual'
		});
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe(target);
		const language = await post('/language', { locale: 'pl', redirectTo: target });
		expect(language.headers.get('location')).toBe(target);
		// Signed out, a page asked for comes back after signing in.
		const asked = await fetch(`${base}/boards?view=list`, { redirect: 'manual' });
		expect(asked.headers.get('location')).toBe(
			`/login?redirectTo=${encodeURIComponent('/boards?view=list')}`
		);
	});
});

test.describe('malformed input', () => {
	test.describe.configure({ mode: 'serial', timeout: 300_000 });
	let kept: KeptServer;
	let resources: Resources;
	let staff: Session;
	let admin: Session;
	/** Signing out ends the session it is sent with: each request to /logout gets one. */
	const leaving: Session[] = [];
	let signedIn: Session[] = [];
	let before: Record<string, string>;
	const failures: string[] = [];

	test.beforeAll(async () => {
		test.setTimeout(240_000);
		const dataDir = freshDataDir('malformed');
		kept = await startOn(dataDir);
		staff = await signInSession(kept.base, 'koordynator@torun.example');
		admin = await signInSession(kept.base, 'admin@torun.example');
		resources = await findResources(kept.base, staff, admin);
		const logout = ROUTE_TABLE.find((e) => e.route === '/logout' && e.op === '?/default')!;
		for (let i = 0; i < malformedRequests(logout, resources).length; i++)
			leaving.push(await signInSession(kept.base, 'wydzial@torun.example'));
		signedIn = [staff, admin, ...leaving];
		// Every table as it is before the walk: the server stopped, its database read.
		await kept.server.stop();
		before = await tableSums(dataDir);
		kept = await startOn(dataDir);
	});

	test.afterAll(async () => {
		await kept?.server.stop();
		if (kept) removeDataDir(kept.dataDir);
	});

	/** The coordinator, or the administrator where only the administrator gets in. */
	function sessionFor(entry: Entry): Session {
		if (entry.route === '/logout' && entry.op !== 'GET') return leaving.shift() ?? ANONYMOUS;
		const coordinator = entry.expect['koordynator@'];
		return coordinator === '404' && entry.expect['admin@'] !== '404' ? admin : staff;
	}

	test('every action and endpoint answers malformed input with a 4xx', async () => {
		const walk = ROUTE_TABLE.flatMap((entry) =>
			malformedRequests(entry, resources).map((m) => ({ entry, m, session: sessionFor(entry) }))
		);
		expect(walk.length).toBeGreaterThan(1000);
		// A few at a time: the walk takes seconds, not a minute.
		const next = walk.values();
		const worker = async () => {
			for (const { entry, m, session } of next) {
				const a = await answer(kept.base, session.cookie, m);
				if (!verdict(m, kept.base, a))
					failures.push(
						`${entry.op} ${entry.route} · ${m.what}: ${a.status}${a.location ? ` → ${a.location}` : ''}`
					);
			}
		};
		await Promise.all(Array.from({ length: 6 }, worker));
		expect(failures, failures.join('\n')).toEqual([]);
	});

	test('the walk wrote nothing, in any table; every session is still signed in', async () => {
		for (const session of signedIn) {
			const res = await fetch(`${kept.base}/boards`, {
				headers: { cookie: session.cookie },
				redirect: 'manual'
			});
			await res.body?.cancel();
			expect(res.status).toBe(200);
		}
		await kept.server.stop();
		const after = await tableSums(kept.dataDir);
		expect(after).toEqual(before);
	});
});
