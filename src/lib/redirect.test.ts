import { describe, expect, it } from 'vitest';
import { safeRedirect } from './redirect';

// Each hostile target is also checked against the URL parser itself: a browser resolving it
// against the page would leave the site (or a header could not carry it), which is why it goes
// to the fallback.
const ORIGIN = 'https://tablice.torun.example';

const HOSTILE: [string, string][] = [
	['tab inside', '/\t/evil.example/x'],
	['LF inside', '/\n/evil.example/x'],
	['CR inside', '/\r/evil.example/x'],
	['NUL', '/\u0000/evil.example'],
	['NUL first', '\u0000//evil.example'],
	['another control', '/\u0001/x'],
	['DEL', '/\u007f/x'],
	['slash backslash', '/\\evil.example'],
	['two backslashes', '\\\\evil.example'],
	['backslash slash', '\\/evil.example'],
	['protocol-relative', '//evil.example'],
	['three slashes', '///evil.example'],
	['percent-encoded tab', '/%09/evil.example'],
	['percent-encoded slashes', '/%2F%2Fevil.example'],
	['percent-encoded backslash', '/%5Cevil.example'],
	['percent-encoded NUL', '/boards%00'],
	['leading space and tab', ' /\t/evil.example'],
	['leading control', '\u0001//evil.example'],
	['trailing LF after a host', '//evil.example\n'],
	['dot segments to a host', '/..//evil.example'],
	['encoded dot segments to a host', '/%2e%2e//evil.example'],
	['dot then backslash', '/.\\/evil.example'],
	['absolute URL', 'https://evil.example/x'],
	['scheme without slashes', 'https:evil.example'],
	['scheme with tab', 'ht\ttps://evil.example'],
	['javascript', 'javascript:alert(1)'],
	['javascript after a space', ' javascript:alert(1)'],
	['data', 'data:text/html,<script>alert(1)</script>'],
	['no-break space first', '\u00a0//evil.example'],
	['ideographic space first', '\u3000/evil.example'],
	['line separator first', '\u2028/evil.example'],
	['fullwidth solidus', '\uff0f\uff0fevil.example'],
	['relative', 'evil.example'],
	['query only', '?x=1'],
	['empty', '']
];

describe('safeRedirect', () => {
	it.each(HOSTILE)('refuses %s', (_, target) => {
		expect(safeRedirect(target)).toBe('/');
		expect(safeRedirect(target, '/boards')).toBe('/boards');
	});

	it.each([null, undefined, 42, ['/boards'], { toString: () => '/boards' }])(
		'refuses a target that is no string: %o',
		(target) => expect(safeRedirect(target)).toBe('/')
	);

	it.each([
		['/', '/'],
		['/boards', '/boards'],
		[
			'/boards/12/cards/7?view=list&q=a%20b#comment-3',
			'/boards/12/cards/7?view=list&q=a%20b#comment-3'
		],
		['/boards?q=a b', '/boards?q=a%20b'],
		['/boards/../my-work', '/my-work'],
		['/strategie/zadanie-ś', '/strategie/zadanie-%C5%9B'],
		['/boards?q=a\\b', '/boards?q=a\\b'],
		// What the browser would go to anyway: the parser drops the tab and the edges, and a
		// header cannot be injected: CR and LF are gone.
		['  /boards\t/1\n', '/boards/1'],
		['/\r\nSet-Cookie: x=1', '/Set-Cookie:%20x=1']
	])('keeps the path %j as %j', (target, expected) => {
		expect(safeRedirect(target)).toBe(expected);
	});

	it('answers only what stays on the site, as the URL parser reads it', () => {
		for (const [, target] of HOSTILE) {
			const kept = safeRedirect(target, '');
			if (kept) expect(new URL(kept, ORIGIN).origin).toBe(ORIGIN);
		}
		// The table is hostile indeed: each of these, sent as it is, leaves the site or cannot
		// be sent as a header at all.
		const leaves = (t: string) => {
			try {
				// eslint-disable-next-line no-control-regex -- a header cannot carry them
				return /[\u0000-\u001f]/.test(t) || new URL(t, ORIGIN).origin !== ORIGIN;
			} catch {
				return true;
			}
		};
		for (const t of [
			'/\t/evil.example/x',
			'/\\evil.example',
			'\\\\evil.example',
			' /\t/evil.example'
		])
			expect(leaves(t), t).toBe(true);
		// A path that resolves to `//evil.example` is another site once sent back as a Location.
		const resolved = new URL('/..//evil.example', ORIGIN).pathname;
		expect(resolved).toBe('//evil.example');
		expect(new URL(resolved, ORIGIN).origin).toBe('https://evil.example');
	});
});
