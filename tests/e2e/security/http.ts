import { DEMO_PASSWORD } from '../helpers';

// Plain fetch against the running app, one cookie per account. Not Playwright's request context:
// an endpoint that streams (Server-Sent Events) never ends its body, so the answer is read from
// the status and headers and the body is read only when it is not a stream.

export interface Session {
	/** The `Cookie` header of the account's session; '' for the anonymous visitor. */
	cookie: string;
}

export const ANONYMOUS: Session = { cookie: '' };

/** Signs in through the login form and keeps the session cookie. */
export async function signInSession(
	baseURL: string,
	email: string,
	password = DEMO_PASSWORD
): Promise<Session> {
	const res = await fetch(`${baseURL}/login`, {
		method: 'POST',
		body: new URLSearchParams({ email, password }),
		headers: { origin: baseURL, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.filter((c) => !c.endsWith('='))
		.join('; ');
	if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${email}: ${res.status}`);
	return { cookie };
}

/**
 * An answer in one word, as the policy table writes it: `200`, `303 login` (to the sign-in
 * page), `303` (elsewhere), or the error status. A form action posted as `use:enhance` posts it
 * answers JSON: a failure's or a redirect's status is in the body.
 */
export interface Answer {
	summary: string;
	body: string;
}

function summarise(status: number, location: string | null | undefined): string {
	if (status === 303 || status === 302 || status === 307)
		return location && /^\/login(\?|$)/.test(location) ? '303 login' : '303';
	return String(status);
}

export async function request(
	baseURL: string,
	session: Session,
	path: string,
	form?: Record<string, string>,
	method?: string
): Promise<Answer> {
	const abort = new AbortController();
	const res = await fetch(baseURL + path, {
		method: method ?? (form ? 'POST' : 'GET'),
		body: form ? new URLSearchParams(form) : undefined,
		headers: {
			cookie: session.cookie,
			origin: baseURL,
			...(form ? { accept: 'application/json', 'x-sveltekit-action': 'true' } : {})
		},
		redirect: 'manual',
		signal: abort.signal
	});
	if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
		abort.abort();
		return { summary: summarise(res.status, null), body: '' };
	}
	const body = await res.text();
	if (form && res.headers.get('content-type')?.includes('json')) {
		try {
			const json = JSON.parse(body) as { type?: string; status?: number; location?: string };
			if (json.type === 'failure' || json.type === 'redirect' || json.type === 'success')
				return { summary: summarise(json.status ?? res.status, json.location), body };
		} catch {
			// Not an action's answer: the HTTP status says it.
		}
	}
	return { summary: summarise(res.status, res.headers.get('location')), body };
}
