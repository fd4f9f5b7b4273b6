import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A keyed `{#each list as item (key)}` throws (`each_key_duplicate`) when two items share a key,
// and the page, or the card's dialog, stops working for everyone who opens it. So an each block
// is keyed by a row's id (`x.id`, `x.somethingId`, or several of them in a template), by its
// index, or else it is listed below with the reason its keys cannot repeat. A value people type
// (a link, a label, a name, a title, a code) never is a key: it can come twice, if not through
// today's forms then from rows stored before them.

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Keys that are not ids, and why they are unique all the same. `file` is relative to src/. */
const ALLOWED: { file: string; key: string; reason: string }[] = [
	{
		file: 'lib/components/board/FilterBar.svelte',
		key: 'chip.key',
		reason: 'one chip per filter, keyed by the filter’s name in code'
	},
	{
		file: 'lib/components/board/KeyboardHelp.svelte',
		key: 'title',
		reason: 'the two headings of the help, from the code'
	},
	{
		file: 'lib/components/board/KeyboardHelp.svelte',
		key: 'text',
		reason: 'the shortcuts’ descriptions, a fixed list in the code'
	},
	{
		file: 'lib/components/board/KeyboardHelp.svelte',
		key: 'key',
		reason: 'the keys of one shortcut, a fixed list in the code'
	},
	{
		file: 'lib/components/ui/Combobox.svelte',
		key: 'item.value',
		reason: 'a combobox’s options are form values: its callers pass ids or a fixed list'
	},
	{
		file: 'routes/(app)/boards/[id]/settings/LabelColours.svelte',
		key: 'c',
		reason: 'LABEL_COLOURS, a fixed list'
	},
	{ file: 'routes/(app)/my-reports/+page.svelte', key: 'tab', reason: 'the tabs, a fixed list' },
	{
		file: 'routes/(app)/account/email/+page.svelte',
		key: 'kind',
		reason: 'EMAIL_KIND_NAMES, the kinds of e-mail in the code'
	},
	{ file: 'routes/(app)/account/email/+page.svelte', key: 'mode', reason: 'the three modes' },
	{
		file: 'routes/(app)/strategies/[slug]/cycles/[id]/+page.svelte',
		key: 'state',
		reason: 'the fixed list of report states'
	},
	{ file: 'routes/(app)/my-reports/+page.svelte', key: 'state', reason: 'REPORT_STATES' },
	{ file: 'routes/+layout.svelte', key: 'option.value', reason: 'the three themes' },
	{ file: 'routes/+layout.svelte', key: 'link.href', reason: 'the navigation, a fixed list' },
	{
		file: 'lib/components/admin/SelectField.svelte',
		key: 'option.value',
		reason: 'its callers pass ids of rows or members of a fixed list (roles, statuses)'
	},
	{
		file: 'lib/components/admin/Memberships.svelte',
		key: 'option.value',
		reason: 'the membership roles, a fixed list'
	},
	{
		file: 'lib/components/goal/GoalProgressPanel.svelte',
		key: 'status',
		reason: 'CARD_STATUSES, a fixed list'
	},
	{
		file: 'lib/components/goal/Indicators.svelte',
		key: 'f',
		reason: 'the frequencies, a fixed list'
	},
	{ file: 'lib/components/card/CardFields.svelte', key: 'priority', reason: 'PRIORITIES' },
	{
		file: 'lib/components/ui/CheckList.svelte',
		key: 'group.key',
		reason: 'its callers (card/People) make one group per organisation kind, or one group'
	},
	{
		file: 'lib/components/card/People.svelte',
		key: 'group.key',
		reason: 'one group per organisation kind (groupByKind)'
	},
	{
		file: 'lib/components/dashboard/BreakdownTable.svelte',
		key: 'row.key',
		reason: 'the dashboard passes the goal or organisation id as the key'
	},
	{
		file: 'routes/(app)/strategies/[slug]/report/+page.svelte',
		key: 'table.key',
		reason: 'the four tables of the report, named in code (monitoring/export.ts)'
	},
	{
		file: 'routes/(app)/audit/+page.svelte',
		key: 'family',
		reason: 'a Set of the event types’ families'
	},
	{
		file: 'routes/(app)/audit/+page.svelte',
		key: 'type',
		reason: 'event types, from the code’s catalogue, read with SELECT DISTINCT'
	},
	{ file: 'routes/(app)/audit/+page.svelte', key: 'entity', reason: 'ENTITIES, a fixed list' },
	{
		file: 'routes/(app)/boards/[id]/settings/ColumnEditor.svelte',
		key: 'move.dir',
		reason: 'left and right'
	},
	{
		file: 'routes/(app)/dashboard/+page.svelte',
		key: 's.slug',
		reason: 'a strategy’s slug is unique in the database (strategy_slug_key)'
	},
	{ file: 'routes/(app)/dashboard/+page.svelte', key: 'kind', reason: 'DASHBOARD_KINDS' },
	{
		file: 'routes/(app)/dashboard/+page.svelte',
		key: 'y',
		reason: 'years counted back from this one, without repeats'
	}
];

interface EachBlock {
	file: string;
	line: number;
	/** The key's expression, or null for an unkeyed block. */
	key: string | null;
	index: string | null;
}

/** The `{#each …}` tags of a component: its key and index variable, when it has them. */
function eachBlocks(file: string, source: string): EachBlock[] {
	const blocks: EachBlock[] = [];
	for (let at = source.indexOf('{#each'); at >= 0; at = source.indexOf('{#each', at + 1)) {
		// The tag ends at the brace that closes it (template literals and objects nest braces).
		let depth = 0;
		let end = at;
		for (; end < source.length; end++) {
			if (source[end] === '{') depth++;
			else if (source[end] === '}' && --depth === 0) break;
		}
		const tag = source.slice(at + '{#each'.length, end).trim();
		const line = source.slice(0, at).split('\n').length;
		let key: string | null = null;
		let head = tag;
		if (tag.endsWith(')')) {
			let parens = 0;
			let open = tag.length - 1;
			for (; open >= 0; open--) {
				if (tag[open] === ')') parens++;
				else if (tag[open] === '(' && --parens === 0) break;
			}
			// `(key)` follows the item (and index) after ` as `; a call ending the list is no key.
			const before = tag.slice(0, open);
			if (/\sas\s+[^()]+$/.test(before)) {
				key = tag.slice(open + 1, -1).trim();
				head = before;
			}
		}
		const item = head.slice(head.lastIndexOf(' as ') + 4);
		const index = /,\s*([A-Za-z_$][\w$]*)\s*$/.exec(item)?.[1] ?? null;
		blocks.push({ file, line, key, index });
	}
	return blocks;
}

const ID = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
/** A row's id: `id`, `x.id`, `x.y.id`, `organizationId`, `x.organizationId`. */
const isId = (expr: string) => ID.test(expr) && /(^|\.)id$|Id$/.test(expr);

/** Whether a key is an id, the index, or a template made of ids only. */
function idLike(key: string, index: string | null): boolean {
	if (key === index) return true;
	if (isId(key)) return true;
	const template = /^`(.*)`$/.exec(key);
	if (!template) return false;
	const parts = template[1]!.split(/\$\{([^}]*)\}/);
	// Even parts are the literal text (separators only), odd ones the interpolated expressions.
	return (
		parts.length > 1 &&
		parts.every((part, i) => (i % 2 ? isId(part.trim()) : /^[^\w]*$/.test(part)))
	);
}

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.svelte'))
		.map((f) => f.split(path.sep).join('/'))
		.sort();
}

describe('the parser of each tags', () => {
	it('finds the key and the index', () => {
		const source = [
			'{#each cards as card (card.id)}',
			'{#each rows as row, i (i)}',
			'{#each groups as [owner, boards] (owner)}',
			"{#each ['a', 'b'] as const as f (f)}",
			'{#each list.filter((x) => x.ok) as x}',
			'{#each pairs as p (`${p.from.id}-${p.to.id}`)}'
		].join('\n');
		expect(eachBlocks('x', source).map((b) => [b.key, b.index])).toEqual([
			['card.id', null],
			['i', 'i'],
			['owner', null],
			['f', null],
			[null, null],
			['`${p.from.id}-${p.to.id}`', null]
		]);
	});

	it('tells an id from a value', () => {
		for (const key of ['card.id', 'ms.organizationId', 'ownerId', '`${a.id}-${b.toId}`'])
			expect(idLike(key, null), key).toBe(true);
		for (const key of ['link', 'label', 'group.title', 's.label', 'person.name', 'x.idea'])
			expect(idLike(key, null), key).toBe(false);
		expect(idLike('`${p.line}-${p.reason}`', null)).toBe(false);
		expect(idLike('`${p.id}-${p.title}`', null)).toBe(false);
		expect(idLike('i', 'i')).toBe(true);
	});
});

describe('keyed each blocks', () => {
	const blocks = svelteFiles(ROOT).flatMap((file) =>
		eachBlocks(file, readFileSync(path.join(ROOT, file), 'utf8'))
	);

	it('are found in the sources', () => {
		expect(blocks.length).toBeGreaterThan(50);
	});

	it('are keyed by an id or the index, or listed with the reason the key cannot repeat', () => {
		const allowed = new Set(ALLOWED.map((a) => `${a.file} ${a.key}`));
		const offending = blocks
			.filter((b) => b.key !== null && !idLike(b.key, b.index))
			.filter((b) => !allowed.has(`${b.file} ${b.key}`))
			.map((b) => `${b.file}:${b.line} (${b.key})`);
		expect(offending).toEqual([]);
	});

	it('has no reason left over for a key that is gone', () => {
		const used = new Set(blocks.map((b) => `${b.file} ${b.key}`));
		expect(ALLOWED.filter((a) => !used.has(`${a.file} ${a.key}`))).toEqual([]);
	});
});
