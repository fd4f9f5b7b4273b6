import { mentionToken } from '$lib/domain/mentions';

// The comment box's @-autocomplete, without the DOM: what is being typed after an `@`, who
// matches it, and the text once a person is picked. A mention is stored in the one syntax the
// server reads (`@[Name](user:42)`, src/lib/domain/mentions.ts).

/** The longest run after an `@` still read as a name being typed (a first name and a surname). */
const MAX_QUERY = 40;

/**
 * The `@…` just before the caret, if one is being typed: the `@` starts the text or follows a
 * space or an opening bracket (so an e-mail address opens nothing), and what follows it holds no
 * line break and does not start with a space.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const start = before.lastIndexOf('@');
	if (start < 0 || caret - start - 1 > MAX_QUERY) return null;
	const query = before.slice(start + 1);
	if (/[\n\]@]/.test(query) || /^\s/.test(query)) return null;
	if (start > 0 && !/[\s([{"'„]/.test(before[start - 1]!)) return null;
	return { start, query };
}

/** Lower case, no diacritics: "Łukasz" is found by "luk", "Zielińska" by "zielinska". */
const fold = (s: string) =>
	s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();

/**
 * The people whose name matches what was typed: every typed word starts a word of the name, in
 * any order ("zie mag" finds Magdalena Zielińska); those whose name starts with it come first.
 */
export function matchPeople<P extends { name: string }>(
	people: P[],
	query: string,
	limit = 8
): P[] {
	const words = fold(query).split(/\s+/).filter(Boolean);
	const scored = people
		.map((person) => {
			const name = fold(person.name);
			const parts = name.split(/[\s-]+/);
			const ok = words.every((w) => parts.some((p) => p.startsWith(w)));
			return { person, ok, first: words.length === 0 || name.startsWith(words.join(' ')) };
		})
		.filter((s) => s.ok);
	scored.sort(
		(a, b) => Number(b.first) - Number(a.first) || a.person.name.localeCompare(b.person.name, 'pl')
	);
	return scored.slice(0, limit).map((s) => s.person);
}

/** The text with the typed `@…` (from `start` to the caret) replaced by the person's mention. */
export function insertMention(
	text: string,
	at: { start: number; caret: number },
	person: { id: number; name: string }
): { text: string; caret: number } {
	const token = mentionToken(person) + ' ';
	// A space already after the caret is not doubled.
	const rest = text.slice(at.caret).replace(/^ /, '');
	return { text: text.slice(0, at.start) + token + rest, caret: at.start + token.length };
}
