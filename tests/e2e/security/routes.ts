import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// The route tree as the file system holds it: every page (GET), every form action of a page and
// every HTTP method of an endpoint, read from src/routes. The route policy table is checked
// against this list, so a route or action added without a policy entry fails the suite.

const ROUTES_DIR = 'src/routes';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'] as const;

/** One way into the app: `GET /boards/[id]`, `action /boards/[id]?/create`, `POST /x`. */
export interface Operation {
	/** The route's URL pattern, groups left out: `/boards/[id]/cards/[cardId]`. */
	route: string;
	/** `GET` for a page, the method of an endpoint, or `?/name` for a form action. */
	op: string;
}

export const operationKey = (o: Operation) => `${o.op} ${o.route}`;

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]
	);
}

/** `(app)/boards/[id]/(board)` → `/boards/[id]`: layout groups are not part of the URL. */
export function patternOf(dir: string): string {
	const parts = relative(ROUTES_DIR, dir)
		.split(sep)
		.filter((p) => p && !/^\(.*\)$/.test(p));
	return '/' + parts.join('/');
}

/** The keys of `export const actions = { … }`: `name:`, `name(`, `name,` at the first level. */
export function actionNames(source: string): string[] {
	source = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
	const start = source.search(/export const actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	const open = source.indexOf('{', source.indexOf('=', start));
	let depth = 0;
	let end = open;
	for (let i = open; i < source.length; i++) {
		if (source[i] === '{') depth++;
		else if (source[i] === '}' && --depth === 0) {
			end = i;
			break;
		}
	}
	// Only what sits at depth 1 of the object: blank out every nested brace or parenthesis.
	let body = '';
	depth = 0;
	for (const ch of source.slice(open + 1, end)) {
		if (ch === '{' || ch === '(' || ch === '[') depth++;
		if (depth === 0) body += ch;
		if (ch === '}' || ch === ')' || ch === ']') depth--;
	}
	// Each entry starts with its key: `name: …`, `name(…) {…}`, `async name(…)` or `name,`.
	return body
		.split(',')
		.map((entry) => /^\s*(?:async\s+)?(\w+)/.exec(entry)?.[1])
		.filter((n): n is string => !!n);
}

/** The HTTP methods an endpoint (`+server.ts`) exports. */
export function methodNames(source: string): string[] {
	return METHODS.filter((m) =>
		new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+${m}\\b`).test(source)
	);
}

/** Every operation of the route tree, sorted. */
export function routeOperations(): Operation[] {
	const ops: Operation[] = [];
	for (const file of walk(ROUTES_DIR)) {
		const name = file.split(sep).at(-1)!;
		const dir = file.slice(0, -name.length - 1);
		const route = patternOf(dir);
		if (name === '+page.svelte' || name === '+page.server.ts' || name === '+page.ts') {
			if (!ops.some((o) => o.route === route && o.op === 'GET')) ops.push({ route, op: 'GET' });
			if (name === '+page.server.ts')
				for (const action of actionNames(readFileSync(file, 'utf8')))
					ops.push({ route, op: `?/${action}` });
		}
		if (name === '+server.ts')
			for (const method of methodNames(readFileSync(file, 'utf8'))) ops.push({ route, op: method });
	}
	return ops.sort((a, b) => operationKey(a).localeCompare(operationKey(b)));
}
