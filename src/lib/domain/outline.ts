// Reads a numbered outline pasted from the strategy documents, e.g. the tasks of goal 1.1:
//
//   1.1.1. Wspieranie działań na rzecz doskonalenia zawodowego kadry pedagogicznej
//   oraz specjalistów edukacji pozaformalnej
//   1.1.2. Promocja edukacji …
//
// The PDF extraction wraps lines mid-sentence, so an item runs from its number to the next
// number. Only direct children of the parent are read; every other line is pointed out with the
// reason, so the coordinator can fix the text before anything is written.

export type OutlineProblemReason =
	'not_numbered' | 'wrong_parent' | 'duplicate' | 'out_of_order' | 'empty_title';

export interface OutlineItem {
	code: string;
	title: string;
	/** 1-based line of the text where the item's number stands. */
	line: number;
}

export interface OutlineProblem {
	line: number;
	reason: OutlineProblemReason;
	text: string;
}

export interface ParsedOutline {
	items: OutlineItem[];
	problems: OutlineProblem[];
}

/** "1.2.3." (the final dot optional) at the start of a line, after an optional list bullet. */
const NUMBERED = /^(?:[-–•*]\s*)?(\d{1,3}(?:\.\d{1,3})*)\.?(?:\s+|$)(.*)$/;

/** Joins a wrapped line to the text before it; a word split with a hyphen stays one word. */
function joinWrapped(before: string, next: string): string {
	if (!before) return next;
	return /\p{L}-$/u.test(before) ? before + next : `${before} ${next}`;
}

function normalise(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits one line where a further child number stands inside it, so that a table row that
 * lists "1.1. A 1.2. B" in one line reads as two items. Only the number that follows the one
 * just read is a split point, so a reference to another goal inside a title is left alone.
 */
function splitInline(line: string, prefix: string, lastNumber: number): string[] {
	const parts: string[] = [];
	let rest = line;
	let expected = lastNumber + 1;
	for (;;) {
		const marker = `${prefix}${expected}.`;
		const at = rest.indexOf(` ${marker} `, 1);
		if (at < 0) break;
		parts.push(rest.slice(0, at));
		rest = rest.slice(at + 1);
		expected++;
	}
	parts.push(rest);
	return parts;
}

export function parseOutline(text: string, parentCode: string): ParsedOutline {
	const prefix = parentCode ? `${parentCode}.` : '';
	const items: OutlineItem[] = [];
	const problems: OutlineProblem[] = [];
	const seen = new Set<string>();
	// The item that wrapped lines are joined to; null while inside a line that was refused.
	let current: OutlineItem | null = null;
	let insideRefused = false;
	let lastNumber = 0;

	const close = () => {
		if (current && !normalise(current.title)) {
			items.splice(items.indexOf(current), 1);
			seen.delete(current.code);
			problems.push({ line: current.line, reason: 'empty_title', text: current.code });
		}
		current = null;
	};

	text.split(/\r?\n/).forEach((raw, index) => {
		const line = index + 1;
		const trimmed = normalise(raw);
		if (!trimmed) return;
		for (const piece of splitInline(trimmed, prefix, lastNumber)) {
			const match = NUMBERED.exec(piece);
			if (!match) {
				if (current) current.title = joinWrapped(current.title, piece);
				else if (!insideRefused) problems.push({ line, reason: 'not_numbered', text: piece });
				continue;
			}
			close();
			const [, code, rest] = match as unknown as [string, string, string];
			const tail = code.startsWith(prefix) ? code.slice(prefix.length) : '';
			const reason: OutlineProblemReason | null = !/^\d+$/.test(tail)
				? 'wrong_parent'
				: seen.has(code)
					? 'duplicate'
					: Number(tail) <= lastNumber
						? 'out_of_order'
						: null;
			if (reason) {
				problems.push({ line, reason, text: piece });
				insideRefused = true;
				continue;
			}
			insideRefused = false;
			seen.add(code);
			lastNumber = Number(tail);
			current = { code, title: rest, line };
			items.push(current);
		}
	});
	close();
	for (const item of items) item.title = normalise(item.title);
	problems.sort((a, b) => a.line - b.line);
	return { items, problems };
}

/** What an import would create under a goal: each item marked when its number is taken. */
export interface OutlinePreview {
	items: (OutlineItem & { taken: boolean })[];
	problems: OutlineProblem[];
}
