import type { Resources } from './resources';
import type { Entry } from './route-table';

// The malformed requests the walk (malformed-input.spec.ts) sends to each entry of the route
// table: text the database cannot hold (NUL), bodies no form sends or that cannot be read, the
// reserved `?/default`, ids and numbers past every column's range, impossible dates, and
// redirect targets that leave the site as a browser reads them.

export interface Malformed {
	what: string;
	url: string;
	method: 'GET' | 'POST';
	body?: Blob | string;
	/** The Content-Type; none when undefined. */
	type?: string;
	/** A form action posted as the page's script posts it (JSON answer), or as a plain form. */
	enhanced?: boolean;
	/**
	 * `refused`: a 4xx; `answered`: anything but a 5xx (a filter that cannot be read is dropped
	 * by design, and the page answers as without it); `redirect`: a 4xx or a redirect on the site.
	 */
	expect: 'refused' | 'answered' | 'redirect';
}

const NUL = '\u0000';
/** Past int4 (ids), past int8 (event ids), and past any number at all. */
const OVERFLOWS = ['2147483648', '9223372036854775808', '99999999999999999999999999999', '1e400'];
const ODD_NUMBERS = ['-1', '0x10', '1.5', ''];
const IMPOSSIBLE_DATES = ['2026-02-31', '0000-01-01', '2026-13-01'];
/** Query parameters read by some page or endpoint. */
const QUERY_NUMBERS = [
	'goal',
	'org',
	'assignee',
	'per',
	'rows',
	'before',
	'actor',
	'year',
	'after',
	'board'
];
const QUERY_TEXT = ['q', 'label', 'type', 'entity', 'strategy', 'kind', 'view', 'sort', 'expand'];
const QUERY_DATES = ['from', 'to'];

/** Targets a browser would follow off the site (WHATWG URL parsing), or that break a header. */
export const HOSTILE_REDIRECTS = [
	'/\t/evil.example/x',
	'/\n/evil.example/x',
	'/\r/evil.example/x',
	'/%09/evil.example',
	'/%5Cevil.example',
	'/\u0000/evil.example',
	'//evil.example',
	'/\\evil.example',
	'\\\\evil.example',
	'\\/evil.example',
	' /\t/evil.example',
	'\u0001//evil.example',
	'/..//evil.example',
	'/%2e%2e//evil.example',
	'https://evil.example',
	'https:evil.example',
	'javascript:alert(1)',
	'\u00a0//evil.example',
	'\u3000/evil.example',
	'evil.example'
];

/** Bytes with no type: fetch then sends no Content-Type of its own. */
const encode = (text: string) => new Blob([text]);
const BOUNDARY = '----walk';

function withQuery(url: string, params: Record<string, string>): string {
	const [path, query] = url.split('?');
	const search = new URLSearchParams(query);
	for (const [k, v] of Object.entries(params)) search.set(k, v);
	return `${path}?${search}`;
}

/** The entry's URL with every id and slug of the path replaced by `value` (unencoded). */
function withPathValues(entry: Entry, r: Resources, value: string): string | null {
	const odd = Object.fromEntries(Object.keys(r).map((k) => [k, value])) as unknown as Resources;
	const url = entry.path(odd).split('?')[0]!;
	return url === entry.path(r).split('?')[0] ? null : url;
}

function actionUrl(entry: Entry, path: string): string {
	return entry.op === '?/default'
		? path
		: `${path}${path.includes('?') ? '&' : '?'}${entry.op.slice(1)}`;
}

function actionCases(entry: Entry, r: Resources): Malformed[] {
	const form = entry.form!(r);
	const url = actionUrl(entry, entry.path(r));
	const post = (
		what: string,
		fields: Record<string, string>,
		expect: Malformed['expect'] = 'refused'
	): Malformed => ({
		what,
		url,
		method: 'POST',
		body: new URLSearchParams(fields).toString(),
		type: 'application/x-www-form-urlencoded',
		// As the page's script posts it: a plain post to a page whose load redirects (the sign-in
		// page, signed in) would show that redirect instead of the action's answer.
		enhanced: true,
		expect
	});
	const cases: Malformed[] = [];
	for (const field of Object.keys(form)) {
		cases.push(post(`NUL in ${field}`, { ...form, [field]: `${form[field]}${NUL}` }));
		if (/^\d+$/.test(form[field]!) || /version|year|value|limit|participants|id$/i.test(field))
			for (const n of OVERFLOWS) cases.push(post(`${field}=${n}`, { ...form, [field]: n }));
		if (/date|period/i.test(field))
			for (const d of IMPOSSIBLE_DATES) cases.push(post(`${field}=${d}`, { ...form, [field]: d }));
		if (field === 'redirectTo')
			for (const target of HOSTILE_REDIRECTS)
				cases.push(
					post(`redirectTo=${JSON.stringify(target)}`, { ...form, redirectTo: target }, 'redirect')
				);
	}
	cases.push(post('NUL in a field of no form', { ...form, extra: `x${NUL}y` }));
	cases.push(post('NUL in a field name', { ...form, [`x${NUL}`]: 'y' }));
	const body = new URLSearchParams(form).toString();
	for (const enhanced of [false, true]) {
		const how = enhanced ? ' (enhanced)' : '';
		const raw = (what: string, sent: Blob | string, type?: string): Malformed => ({
			what: what + how,
			url,
			method: 'POST',
			body: sent,
			type,
			enhanced,
			expect: 'refused'
		});
		cases.push(
			raw('text/plain', body, 'text/plain'),
			raw('text/plain with a charset', encode(body), 'text/plain;charset=UTF-8'),
			raw('no content type', encode(body)),
			raw('JSON', JSON.stringify(form), 'application/json'),
			raw(
				'multipart, unterminated',
				`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nb`,
				`multipart/form-data; boundary=${BOUNDARY}`
			),
			raw('multipart, no boundary', `--${BOUNDARY}\r\n\r\n`, 'multipart/form-data'),
			raw(
				'multipart, garbage',
				'not a multipart body at all',
				`multipart/form-data; boundary=${BOUNDARY}`
			)
		);
		if (entry.op !== '?/default')
			cases.push({
				...raw('?/default on a page of named actions', body, 'application/x-www-form-urlencoded'),
				url: entry.path(r) + '?/default'
			});
	}
	for (const value of [OVERFLOWS[1]!, '%00', '%E0%A4%A']) {
		const path = withPathValues(entry, r, value);
		if (path) cases.push({ ...post(`path ids ${value}`, form), url: actionUrl(entry, path) });
	}
	return cases;
}

function getCases(entry: Entry, r: Resources): Malformed[] {
	const url = entry.path(r);
	const get = (what: string, to: string, expect: Malformed['expect'] = 'refused'): Malformed => ({
		what,
		url: to,
		method: 'GET',
		expect
	});
	const cases = [get('NUL in a query parameter', withQuery(url, { x: NUL }))];
	cases.push(get('NUL in a query parameter name', withQuery(url, { [`x${NUL}`]: '1' })));
	const own = [...new URLSearchParams(url.split('?')[1]).keys()];
	for (const key of own) {
		cases.push(get(`NUL in ${key}`, withQuery(url, { [key]: `1${NUL}` })));
		// A parameter the endpoint requires is refused when it cannot be read (2147483648 is a
		// good event id: the events' `after` is a bigint).
		for (const n of [...OVERFLOWS.slice(1), ...ODD_NUMBERS])
			cases.push(get(`${key}=${n}`, withQuery(url, { [key]: n })));
	}
	for (const key of [...QUERY_NUMBERS, ...QUERY_TEXT, ...QUERY_DATES].filter(
		(k) => !own.includes(k)
	))
		cases.push(get(`NUL in ${key}`, withQuery(url, { [key]: `a${NUL}` })));
	const others = (value: string, keys: string[]) =>
		Object.fromEntries(keys.filter((k) => !own.includes(k)).map((k) => [k, value]));
	for (const n of [...OVERFLOWS.slice(0, 2), '1e400', '-1'])
		cases.push(get(`query numbers ${n}`, withQuery(url, others(n, QUERY_NUMBERS)), 'answered'));
	for (const d of IMPOSSIBLE_DATES)
		cases.push(get(`query dates ${d}`, withQuery(url, others(d, QUERY_DATES)), 'answered'));
	for (const value of [OVERFLOWS[1]!, '%00', '%E0%A4%A']) {
		const path = withPathValues(entry, r, value);
		if (path)
			cases.push(
				get(`path ids ${value}`, path + (url.includes('?') ? `?${url.split('?')[1]}` : ''))
			);
	}
	if (entry.route === '/login')
		for (const target of HOSTILE_REDIRECTS)
			cases.push(
				get(
					`redirectTo=${JSON.stringify(target)}`,
					withQuery(url, { redirectTo: target }),
					'redirect'
				)
			);
	return cases;
}

/** Every malformed request for one entry of the route table. */
export function malformedRequests(entry: Entry, r: Resources): Malformed[] {
	return entry.op.startsWith('?/') ? actionCases(entry, r) : getCases(entry, r);
}
