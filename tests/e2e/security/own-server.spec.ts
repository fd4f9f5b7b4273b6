import { expect, test } from '@playwright/test';
import { io as connect, type Socket } from 'socket.io-client';
import type { AppServer } from '../../bench/lib/app-server';
import { DEMO_PASSWORD } from '../helpers';
import {
	mustSignIn,
	ownServer,
	send,
	sessionCookie,
	signIn,
	signedIn,
	type Target
} from './server-http';

// OWASP ASVS V2.2.1 (sign-in throttling), V2.1.7 (common passwords), V3.3 (ending sessions)
// and V3.4 (cookie attributes) against a server of these tests' own: the built app as deployed
// behind a TLS proxy (ORIGIN https://…), so that failed sign-ins and disabled accounts leave
// the shared server alone.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: AppServer;
let target: Target;
let admin: string;
const sockets: Socket[] = [];

test.beforeAll(async () => {
	test.setTimeout(180_000);
	({ server, target } = await ownServer());
	admin = (await mustSignIn(target, 'admin@torun.example', '10.9.0.1')).cookie;
});

test.afterAll(async () => {
	for (const socket of sockets) socket.close();
	await server?.stop();
});

/** A socket of the signed-in browser, connected; or the reason it was refused. */
async function socketOf(cookie: string): Promise<Socket> {
	const socket = connect(target.base, {
		path: '/socket.io',
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: { origin: target.origin, cookie }
	});
	sockets.push(socket);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', resolve);
		socket.once('connect_error', reject);
	});
	return socket;
}

const disconnected = (socket: Socket) =>
	new Promise<string>((resolve) => socket.once('disconnect', resolve));

/** A form action as the page's enhanced form posts it: JSON back, its raw text to read. */
async function action(url: string, form: Record<string, string>, cookie = admin, locale = 'pl') {
	const response = await send(target, url, {
		form,
		cookie: `${cookie}; PARAGLIDE_LOCALE=${locale}`,
		accept: 'application/json',
		address: '10.9.0.1'
	});
	return { status: response.status, text: await response.text() };
}

async function userId(email: string): Promise<number> {
	const page = await send(target, `/admin/users?q=${encodeURIComponent(email)}`, {
		cookie: admin
	});
	const id = /href="\/admin\/users\/(\d+)"/.exec(await page.text())?.[1];
	if (!id) throw new Error(`no ${email} in the list of people`);
	return Number(id);
}

test('the session cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/ behind TLS', async () => {
	const { response } = await mustSignIn(target, 'wydzial@torun.example', '10.9.0.2');
	const cookie = sessionCookie(response)!;
	expect(cookie.name).toBe('__Host-session');
	expect(cookie.attributes).toEqual(
		expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/'])
	);
	expect(cookie.attributes.some((a) => a.startsWith('domain='))).toBe(false);
	expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
});

test('signing out ends the session and its sockets', async () => {
	const { cookie } = await mustSignIn(target, 'wydzial@torun.example', '10.9.0.2');
	const socket = await socketOf(cookie);
	const gone = disconnected(socket);
	const response = await send(target, '/logout', { form: {}, cookie, address: '10.9.0.2' });
	expect(response.status).toBe(303);
	expect(await gone).toBe('io server disconnect');
	// The cookie is cleared, and the token, sent anyway, opens nothing and no socket.
	expect(sessionCookie(response)?.value).toBe('');
	expect(await signedIn(target, cookie, '10.9.0.2')).toBe(false);
	await expect(socketOf(cookie)).rejects.toThrow('unauthorized');
});

test('a password reset ends every session and socket of the person', async () => {
	const id = await userId('ngo@torun.example');
	const sessions = [
		await mustSignIn(target, 'ngo@torun.example', '10.9.0.3'),
		await mustSignIn(target, 'ngo@torun.example', '10.9.0.4')
	];
	const socketsOfPerson = await Promise.all(sessions.map((s) => socketOf(s.cookie)));

	// A common password is refused, in the page's language, and changes nothing.
	for (const [locale, message] of [
		['pl', 'To hasło jest na liście najczęściej używanych haseł'],
		['en', 'This password is on the list of the most common passwords']
	] as const) {
		const refused = await action(
			`/admin/users/${id}?/resetPassword`,
			{ password: 'qwertyuiop' },
			admin,
			locale
		);
		expect(refused.text).toContain('"failure"');
		expect(refused.text).toContain(message);
	}
	for (const s of sessions) expect(await signedIn(target, s.cookie, '10.9.0.3')).toBe(true);
	expect(socketsOfPerson.every((s) => s.connected)).toBe(true);

	const gone = socketsOfPerson.map(disconnected);
	const reset = await action(`/admin/users/${id}?/resetPassword`, {
		password: 'nowe-hasło-po-resecie'
	});
	expect(reset.text).toContain('"success"');
	expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
	for (const s of sessions) expect(await signedIn(target, s.cookie, '10.9.0.3')).toBe(false);
	const old = await signIn(target, 'ngo@torun.example', { address: '10.9.0.3' });
	expect(old.response.status).toBe(400);
	const renewed = await signIn(target, 'ngo@torun.example', {
		address: '10.9.0.3',
		password: 'nowe-hasło-po-resecie'
	});
	expect(renewed.response.status).toBe(303);
});

test('disabling an account ends its sessions and sockets and refuses its sign-in', async () => {
	const id = await userId('powiat@torun.example');
	const { cookie } = await mustSignIn(target, 'powiat@torun.example', '10.9.0.5');
	const socket = await socketOf(cookie);
	const gone = disconnected(socket);
	expect((await action(`/admin/users/${id}?/disable`, {})).text).toContain('"success"');
	expect(await gone).toBe('io server disconnect');
	expect(await signedIn(target, cookie, '10.9.0.5')).toBe(false);
	const again = await signIn(target, 'powiat@torun.example', { address: '10.9.0.5' });
	expect(again.response.status).toBe(400);
});

test('a new account with a common password is refused and not created', async () => {
	const email = 'nowa.osoba@torun.example';
	const refused = await action('/admin/users/new', {
		email,
		name: 'Nowa Osoba',
		role: 'member',
		password: 'password123'
	});
	expect(refused.text).toContain('"failure"');
	expect(refused.text).toContain('To hasło jest na liście najczęściej używanych haseł');
	await expect(userId(email)).rejects.toThrow('no nowa.osoba@torun.example');
});

test.describe('sign-in throttling', () => {
	const refusedText = 'Zbyt wiele nieudanych prób logowania';

	test('an account: 5 failures from anywhere lock it, even for the right password', async () => {
		const email = 'koordynator@torun.example';
		for (let i = 1; i <= 5; i += 1) {
			const failed = await signIn(target, email, { password: 'zle-haslo', address: `10.1.0.${i}` });
			expect(failed.response.status, `failure ${i}`).toBe(400);
		}
		const locked = await signIn(target, email, { password: DEMO_PASSWORD, address: '10.1.0.6' });
		expect(locked.response.status).toBe(429);
		expect(await locked.response.text()).toContain(refusedText);
		expect(sessionCookie(locked.response)).toBeNull();
	});

	test('an account: 40 wrong passwords and the right one at once check at most 5', async () => {
		const email = 'rownolegle@torun.example';
		const password = 'pierniki-na-starym-miescie-7';
		await action('/admin/users/new', {
			email,
			name: 'Próba Równoległa',
			role: 'member',
			password
		});
		await userId(email); // created
		const answers = await Promise.all(
			Array.from({ length: 41 }, (_, i) =>
				signIn(target, email, {
					password: i === 40 ? password : `zle-haslo-${i}`,
					address: `10.3.0.${i + 1}`
				})
			)
		);
		const statuses = answers.map((a) => a.response.status);
		expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(5);
		expect(statuses[40]).toBe(429);
		expect(sessionCookie(answers[40]!.response)).toBeNull();
	});

	test('an address: 50 failures across accounts stop it, not other addresses; 6 do not', async () => {
		const fail = (from: number, to: number) =>
			Promise.all(
				Array.from({ length: to - from + 1 }, async (_, k) => {
					const i = from + k;
					const failed = await signIn(target, `nikt${i}@example.test`, {
						password: 'zle-haslo',
						address: '10.2.0.1'
					});
					expect(failed.response.status, `failure ${i}`).toBe(400);
				})
			);
		// An office behind one address where six people mistype is not locked out.
		await fail(1, 6);
		const colleague = await signIn(target, 'wydzial@torun.example', { address: '10.2.0.1' });
		expect(colleague.response.status).toBe(303);
		await fail(7, 50);
		const blocked = await signIn(target, 'wydzial@torun.example', { address: '10.2.0.1' });
		expect(blocked.response.status).toBe(429);
		expect(await blocked.response.text()).toContain(refusedText);
		const elsewhere = await signIn(target, 'wydzial@torun.example', { address: '10.2.0.2' });
		expect(elsewhere.response.status).toBe(303);
	});
});
