import {
	expect,
	type APIRequestContext,
	type APIResponse,
	type PlaywrightWorkerArgs
} from '@playwright/test';
import { unflatten } from 'devalue';
import { DEMO_PASSWORD } from '../helpers';
import type { Account } from './oracle';

// Plain HTTP against the running app: one request context per account, signed in through the
// login form, and readers for what SvelteKit answers to pages, their data and form actions.

export type Playwright = PlaywrightWorkerArgs['playwright'];

/** A request context for the account, signed in (or not, for the anonymous visitor). */
export async function clientFor(
	playwright: Playwright,
	baseURL: string,
	account: Account
): Promise<APIRequestContext> {
	const ctx = await playwright.request.newContext({ baseURL });
	if (!account.email) return ctx;
	// SvelteKit refuses a form post whose Origin is not the app's own.
	const res = await ctx.post('/login', {
		form: { email: account.email, password: DEMO_PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(res.status(), `sign-in of ${account.email}`).toBe(303);
	expect(res.headers()['location']).toBe('/');
	return ctx;
}

/** What a request answered, in one shape for pages and form actions. */
export interface Observed {
	status: number;
	/** Where a 303 leads. */
	location?: string;
	/** A form action's result type: failure, error, redirect or success. */
	type?: string;
	/** A failure's data: the domain error's key, the field errors. */
	code?: string;
	errors?: Record<string, unknown>;
	/** The raw body, to check that nothing hidden is in it. */
	body: string;
}

/** A page, as a browser's first request for it: no redirect followed. */
export async function getPage(ctx: APIRequestContext, path: string): Promise<Observed> {
	const res = await ctx.get(path, { maxRedirects: 0 });
	return { status: res.status(), location: res.headers()['location'], body: await res.text() };
}

/**
 * A form action as `use:enhance` posts it. SvelteKit then answers JSON: a failure (`fail()`) as
 * HTTP 200 with its status in the body, an error as its HTTP status, a redirect as HTTP 200 with
 * `{type: 'redirect', status, location}`.
 */
export async function postAction(
	ctx: APIRequestContext,
	baseURL: string,
	path: string,
	form: Record<string, string>
): Promise<Observed> {
	const res = await ctx.post(path, {
		form,
		headers: { origin: baseURL, accept: 'application/json', 'x-sveltekit-action': 'true' },
		maxRedirects: 0
	});
	return readAction(res);
}

async function readAction(res: APIResponse): Promise<Observed> {
	const body = await res.text();
	let json: { type?: string; status?: number; location?: string; data?: string };
	try {
		json = JSON.parse(body);
	} catch {
		return { status: res.status(), body };
	}
	switch (json.type) {
		case 'failure': {
			const data = json.data ? (unflatten(JSON.parse(json.data)) as Record<string, unknown>) : {};
			return {
				status: json.status ?? res.status(),
				type: 'failure',
				code: typeof data.code === 'string' ? data.code : undefined,
				errors: (data.errors as Record<string, unknown> | undefined) ?? {},
				body
			};
		}
		case 'redirect':
		case 'success':
			return {
				status: json.status ?? res.status(),
				type: json.type,
				location: json.location,
				body
			};
		default:
			return { status: res.status(), type: json.type, body };
	}
}

/** A page's data as client-side navigation reads it (`__data.json`), every node merged. */
export async function getData(
	ctx: APIRequestContext,
	path: string
): Promise<{ status: number; data: Record<string, unknown>; body: string }> {
	const [pathname, query] = path.split('?');
	const url = `${pathname!.replace(/\/$/, '')}/__data.json${query ? `?${query}` : ''}`;
	const res = await ctx.get(url, { maxRedirects: 0 });
	const body = await res.text();
	if (res.status() !== 200) return { status: res.status(), data: {}, body };
	const json = JSON.parse(body) as {
		type: string;
		nodes?: ({ type: string; data?: unknown[]; status?: number } | null)[];
	};
	if (json.type !== 'data') return { status: 303, data: {}, body };
	const data: Record<string, unknown> = {};
	for (const node of json.nodes ?? []) {
		if (node?.type === 'error') return { status: node.status ?? 500, data: {}, body };
		if (node?.type === 'data' && node.data) Object.assign(data, unflatten(node.data));
	}
	return { status: 200, data, body };
}
