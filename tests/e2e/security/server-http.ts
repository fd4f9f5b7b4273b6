import { rmSync } from 'node:fs';
import path from 'node:path';
import { startAppServer, type AppServer } from '../../bench/lib/app-server';
import { DEMO_PASSWORD } from '../helpers';

// Plain HTTP for the security tests: fetch with every header in the test's hands (Origin,
// Cookie, the client address), no redirect followed, and a server of their own where a test
// would disturb the shared one (failed sign-ins, disabled accounts).

export const FOREIGN_ORIGIN = 'https://evil.example';

export interface Target {
	/** Where requests go. */
	base: string;
	/** The app's own origin, as a browser on its pages sends it (https:// behind a TLS proxy). */
	origin: string;
}

export interface Sent {
	method?: string;
	/** A form (urlencoded), or a raw body with its content type. */
	form?: Record<string, string>;
	body?: string;
	type?: string;
	cookie?: string;
	/** The Origin header: the app's own by default, `null` to send none. */
	origin?: string | null;
	/** The client's address, for a server that reads it from X-Forwarded-For. */
	address?: string;
	accept?: string;
}

export async function send(target: Target, url: string, sent: Sent = {}): Promise<Response> {
	const headers: Record<string, string> = { accept: sent.accept ?? 'text/html' };
	const origin = sent.origin === undefined ? target.origin : sent.origin;
	if (origin) headers.origin = origin;
	if (sent.cookie) headers.cookie = sent.cookie;
	if (sent.address) headers['x-forwarded-for'] = sent.address;
	let body: string | undefined = sent.body;
	if (sent.form) {
		body = new URLSearchParams(sent.form).toString();
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (sent.type) headers['content-type'] = sent.type;
	return fetch(new URL(url, target.base), {
		method: sent.method ?? (body === undefined ? 'GET' : 'POST'),
		headers,
		body,
		redirect: 'manual'
	});
}

/** The session cookie a response sets: its name, value and attributes (lower-cased). */
export function sessionCookie(response: Response) {
	for (const line of response.headers.getSetCookie()) {
		const [pair, ...attributes] = line.split(';').map((part) => part.trim());
		const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
		if (!/^(__Host-)?session$/.test(name)) continue;
		return { name, value, attributes: attributes.map((a) => a.toLowerCase()), line };
	}
	return null;
}

/** Signs in through the login form; the session's Cookie header, or the failed response. */
export async function signIn(
	target: Target,
	email: string,
	options: { password?: string; address?: string; cookie?: string } = {}
): Promise<{ cookie: string; token: string; response: Response } | { response: Response }> {
	const response = await send(target, '/login', {
		form: { email, password: options.password ?? DEMO_PASSWORD },
		address: options.address,
		cookie: options.cookie
	});
	const cookie = sessionCookie(response);
	if (response.status !== 303 || !cookie?.value) return { response };
	return { cookie: `${cookie.name}=${cookie.value}`, token: cookie.value, response };
}

export async function mustSignIn(target: Target, email: string, address?: string) {
	const result = await signIn(target, email, { address });
	if (!('cookie' in result))
		throw new Error(`sign-in of ${email} answered ${result.response.status}`);
	return result;
}

/** Whether a Cookie header still opens a signed-in page. */
export async function signedIn(target: Target, cookie: string, address?: string) {
	const response = await send(target, '/boards', { cookie, address });
	return response.status === 200;
}

/**
 * A server of the security tests' own: the built app (server.js) on a fresh embedded database
 * with the demo data, believing it is behind a TLS proxy (ORIGIN https://…) that passes the
 * client's address in X-Forwarded-For.
 */
export async function ownServer(): Promise<{ server: AppServer; target: Target }> {
	const dataDir = path.resolve(`tests/.tmp/security-${process.pid}`);
	rmSync(dataDir, { recursive: true, force: true });
	const server = await startAppServer({
		appDir: '.',
		https: true,
		env: { DATA_DIR: dataDir, ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' }
	});
	const stop = server.stop;
	server.stop = async () => {
		await stop();
		rmSync(dataDir, { recursive: true, force: true });
	};
	return { server, target: { base: server.origin, origin: server.publicOrigin } };
}
