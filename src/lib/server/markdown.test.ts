import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders lists, emphasis and links', () => {
		const html = renderMarkdown('**Ważne**\n\n- jeden\n- dwa\n\n[strona](https://torun.pl)');
		expect(html).toContain('<strong>Ważne</strong>');
		expect(html).toContain('<li>jeden</li>');
		expect(html).toContain(
			'<a href="https://torun.pl" rel="noopener noreferrer nofollow">strona</a>'
		);
	});

	it('leaves no script, handler or javascript: link', () => {
		const html = renderMarkdown(
			'<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href="#" onclick="alert(1)">y</a>'
		);
		expect(html).not.toMatch(/<script|onerror|onclick|href="javascript:|<img/i);
	});

	it('answers nothing for empty text', () => {
		expect(renderMarkdown('  \n')).toBe('');
	});
});
