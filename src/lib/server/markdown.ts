import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { replaceMentions } from '$lib/domain/mentions';

// Card descriptions and comments are Markdown written by people: rendered on the server and
// sanitised with an allow-list, so no script, style, event handler or javascript: link survives.

const marked = new Marked({ gfm: true, breaks: true, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: [
		'p',
		'br',
		'strong',
		'em',
		'del',
		'code',
		'pre',
		'blockquote',
		'ul',
		'ol',
		'li',
		'a',
		'h3',
		'h4',
		'h5',
		'h6',
		'hr',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'span'
	],
	allowedAttributes: { a: ['href', 'title', 'rel'], th: ['align'], td: ['align'], span: ['class'] },
	allowedClasses: { span: ['mention'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	// Headings of a description sit under the card's own heading: h1/h2 become h3.
	transformTags: {
		h1: 'h3',
		h2: 'h3',
		a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' })
	}
};

export function renderMarkdown(text: string): string {
	if (!text.trim()) return '';
	return sanitizeHtml(marked.parse(text) as string, OPTIONS);
}

// Every character of a name but letters, digits and spaces as an HTML entity: a name is shown as
// it is, never read as Markdown (`*`, `[…](…)`) or HTML. The sanitiser decodes them again.
const asText = (text: string) => text.replace(/[^\p{L}\p{N} ]/gu, (c) => `&#${c.codePointAt(0)};`);

/**
 * A comment: Markdown, with each mention shown as the CURRENT name of the person it points to
 * (`nameOf(id)`), never the text typed in the link: a renamed person shows under the new name,
 * an erased one under their pseudonym, and a link cannot pass itself off as someone else. (A
 * preview of an unsaved comment may fall back on the typed name: `nameOf(id, typed)`.)
 */
export function renderComment(text: string, nameOf: (id: number, typed: string) => string): string {
	return renderMarkdown(
		replaceMentions(
			text,
			(typed, id) => `<span class="mention">@${asText(nameOf(id, typed))}</span>`
		)
	);
}
