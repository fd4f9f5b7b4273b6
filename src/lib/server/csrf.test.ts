import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './csrf';

const at = (path: string) => new URL(`https://tablice.example${path}`);
const post = (path: string, headers: Record<string, string> = {}, method = 'POST') =>
	crossSiteRefusal(new Request(at(path), { method, headers }), at(path));

describe('cross-site requests', () => {
	it('refuse a state-changing request without the app’s origin', () => {
		expect(post('/language')?.status).toBe(403);
		expect(post('/language', { origin: 'https://evil.example' })?.status).toBe(403);
		expect(post('/language', { origin: 'https://tablice.example' })).toBeNull();
	});

	it('let only a one-click unsubscribe POST in from elsewhere (RFC 8058)', () => {
		expect(post('/email/unsubscribe?t=x')).toBeNull();
		expect(post('/email/unsubscribe', {}, 'PUT')?.status).toBe(403);
		expect(post('/email/unsubscribe/more')?.status).toBe(403);
	});
});
