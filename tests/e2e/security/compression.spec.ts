import { expect, test } from '@playwright/test';
import { unflatten } from 'devalue';
import http from 'node:http';
import zlib from 'node:zlib';
import { io as connect } from 'socket.io-client';
import type { AppServer } from '../../bench/lib/app-server';
import { mustSignIn, ownServer, send, type Target } from './server-http';

// The production server compresses its dynamic answers as the client accepts (server.js), on a
// server of these tests' own (they create cards, which the shared server's tests must not see):
// the same bytes whatever the coding, the same security headers, the public page's event
// stream left alone and still live, Socket.IO still connecting.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let server: AppServer;
let target: Target;
let cookie: string;

test.beforeAll(async () => {
	test.setTimeout(180_000);
	({ server, target } = await ownServer());
	({ cookie } = await mustSignIn(target, 'koordynator@torun.example', '10.9.1.1'));
});

test.afterAll(async () => {
	await server?.stop();
});

interface Raw {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The bytes as they came over the wire. */
	wire: Buffer;
	/** The same, decoded. */
	text: string;
}

/** GET as a browser asks, with the given Accept-Encoding (none when undefined); not decoded. */
function get(path: string, acceptEncoding?: string): Promise<Raw> {
	const headers: http.OutgoingHttpHeaders = { cookie, accept: 'text/html' };
	if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
	return new Promise((done, fail) => {
		http
			.get(new URL(path, target.base), { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const wire = Buffer.concat(chunks);
					const coding = res.headers['content-encoding'];
					const decoded =
						coding === 'br'
							? zlib.brotliDecompressSync(wire)
							: coding === 'gzip'
								? zlib.gunzipSync(wire)
								: wire;
					done({ status: res.statusCode!, headers: res.headers, wire, text: decoded.toString() });
				});
			})
			.on('error', fail);
	});
}

/** A page's script nonce (and the CSP header naming it) is new with every answer. */
const withoutNonces = (text: string) => text.replace(/nonce-[^']+'|nonce="[^"]+"/g, 'nonce');

const SECURITY_HEADERS = [
	'content-security-policy',
	'x-content-type-options',
	'referrer-policy',
	'x-frame-options',
	'permissions-policy',
	'strict-transport-security',
	'cache-control'
];

test('pages and __data.json go compressed as accepted, the same bytes with the same headers', async () => {
	for (const [path, normalise] of [
		['/boards/1', withoutNonces],
		['/boards/1/__data.json', (s: string) => s],
		['/my-work', withoutNonces]
	] as const) {
		const identity = await get(path);
		expect(identity.status, path).toBe(200);
		expect(identity.headers['content-encoding'], path).toBeUndefined();
		expect(Number(identity.headers['content-length']), path).toBe(identity.wire.length);
		expect(identity.headers.vary, path).toMatch(/accept-encoding/i);
		const plain = await get(path, 'identity');
		expect(plain.headers['content-encoding'], path).toBeUndefined();
		for (const [accept, coding] of [
			['gzip, deflate', 'gzip'],
			['gzip, deflate, br, zstd', 'br']
		]) {
			const answer = await get(path, accept);
			expect(answer.status, path).toBe(200);
			expect(answer.headers['content-encoding'], `${path} ${accept}`).toBe(coding);
			expect(answer.headers['content-length'], path).toBeUndefined();
			expect(answer.headers.vary, path).toMatch(/accept-encoding/i);
			expect(answer.wire.length, path).toBeLessThan(identity.wire.length / 2);
			expect(normalise(answer.text), `${path} ${accept}`).toBe(normalise(identity.text));
			for (const name of SECURITY_HEADERS)
				expect(withoutNonces(String(answer.headers[name])), `${path} ${name}`).toBe(
					withoutNonces(String(identity.headers[name]))
				);
		}
	}
});

test('static files keep their precompressed twins', async () => {
	// The page names its scripts in its Link header (rel="modulepreload").
	const links = String((await get('/boards/1')).headers.link);
	const script = /<([^>]+\.js)>; rel="modulepreload"/.exec(links)![1]!;
	const url = new URL(script, `${target.base}/boards/1`).pathname;
	const identity = await get(url);
	const br = await get(url, 'gzip, deflate, br');
	expect(br.headers['content-encoding']).toBe('br');
	// The file's own, with its length: not compressed again on the way out.
	expect(Number(br.headers['content-length'])).toBe(br.wire.length);
	expect(br.text).toBe(identity.text);
	expect(br.headers['x-content-type-options']).toBe('nosniff');
});

/** Every column id of the board, from its __data.json. */
async function columnsOf(board: number): Promise<number[]> {
	const data = JSON.parse((await get(`/boards/${board}/__data.json`)).text) as {
		nodes: ({ data?: unknown[] } | null)[];
	};
	for (const node of data.nodes) {
		const value = node?.data ? (unflatten(node.data) as { columns?: { id: number }[] }) : null;
		if (value?.columns) return value.columns.map((c) => c.id);
	}
	throw new Error('the board’s data holds no columns');
}

test('the public page’s event stream is not compressed and delivers each change as it comes', async () => {
	const [column] = await columnsOf(1);
	const received: string[] = [];
	let arrived = () => {};
	const request = http.get(
		new URL('/public/events', target.base),
		{ headers: { 'accept-encoding': 'gzip, deflate, br' } },
		(res) => {
			expect(res.headers['content-type']).toBe('text/event-stream');
			expect(res.headers['content-encoding']).toBeUndefined();
			res.setEncoding('utf8').on('data', (chunk: string) => {
				received.push(chunk);
				arrived();
			});
		}
	);
	const next = (count: number) =>
		new Promise<void>((done) => {
			arrived = () => received.join('').split('\n\n').length > count && done();
			arrived();
		});
	try {
		// The stream's first line, sent when it opens, arrives while it stays open.
		await next(1);
		expect(received.join('')).toBe('retry: 5000\n\n');
		for (const n of [1, 2]) {
			const created = await send(target, '/boards/1?/create', {
				cookie,
				accept: 'application/json',
				form: {
					title: `Karta do strumienia ${n}`,
					columnId: String(column),
					leadId: '',
					description: '',
					goalId: '',
					priority: 'normal',
					labels: '',
					startDate: '',
					dueDate: ''
				}
			});
			expect(await created.text()).toMatch(/^\{"type":"(success|redirect)"/);
			await next(n + 1);
			expect(received.join('').split('event: change').length - 1).toBe(n);
		}
	} finally {
		request.destroy();
	}
});

test('Socket.IO still connects, over WebSocket and over long polling', async () => {
	for (const transport of ['websocket', 'polling']) {
		const socket = connect(target.base, {
			path: '/socket.io',
			transports: [transport],
			reconnection: false,
			extraHeaders: { origin: target.origin, cookie, 'accept-encoding': 'gzip, deflate, br' }
		});
		try {
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', resolve);
				socket.once('connect_error', reject);
			});
			expect(socket.connected, transport).toBe(true);
		} finally {
			socket.close();
		}
	}
});
