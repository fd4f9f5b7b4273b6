import { expect, test } from '@playwright/test';
import { signInSession } from './http';

// OWASP ASVS V8.2.1: what a signed-in person is shown is theirs alone. No shared cache may keep
// it, and the browser does not show it again from its cache after signing out.

test('signed-in answers are private and not stored; what sets its own caching keeps it', async ({
	baseURL
}) => {
	const { cookie } = await signInSession(baseURL!, 'koordynator@torun.example');
	const cacheOf = async (path: string, withCookie = cookie) => {
		const res = await fetch(`${baseURL}${path}`, {
			headers: withCookie ? { cookie: withCookie } : {},
			redirect: 'manual'
		});
		await res.body?.cancel();
		return `${res.status} ${res.headers.get('cache-control')}`;
	};
	for (const path of [
		'/',
		'/boards',
		'/boards/999999',
		'/audit',
		'/no-such-page',
		'/boards/__data.json'
	])
		expect(await cacheOf(path), path).toMatch(/^\d+ private, no-store$/);
	// A redirect answered to a signed-in person (the sign-in page sends them home) is theirs too.
	expect(await cacheOf('/login')).toBe('303 private, no-store');
	// The endpoints that say how they are cached are left as they are.
	expect(await cacheOf('/api/boards/1/events?after=0')).toBe('200 no-store');
	// The sign-in page of an anonymous visitor is nobody's own.
	expect(await cacheOf('/login', '')).toBe('200 null');
});
