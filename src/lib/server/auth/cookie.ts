import type { Cookies } from '@sveltejs/kit';

// Over https the cookie is Secure and takes the __Host- prefix (no Domain, Path=/), so no other
// host or path can set or shadow it. Plain http is for local use only.

export function sessionCookieName(secure: boolean): string {
	return secure ? '__Host-session' : 'session';
}

export function isSecure(url: URL): boolean {
	return url.protocol === 'https:';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date) {
	const secure = isSecure(url);
	cookies.set(sessionCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	const secure = isSecure(url);
	cookies.delete(sessionCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'lax' });
}

export function readSessionCookie(cookies: Cookies, url: URL): string | undefined {
	return cookies.get(sessionCookieName(isSecure(url)));
}
