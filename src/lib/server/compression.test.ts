import { setResponse } from '@sveltejs/kit/node';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseEncoding, compressAnswer } from './compression.js';

// The compression server.js puts in front of the app's handler, on a real port, with answers
// written the way the app's are (SvelteKit's setResponse, as adapter-node's handler calls it)
// and the way static files are (writeHead with their headers, as adapter-node's sirv does).

const page = '<!doctype html><html><body>' + 'Karta 17: Rewitalizacja Podgórza. '.repeat(3000);
const data = JSON.stringify({
	type: 'data',
	cards: Array.from({ length: 200 }, (_, id) => ({ id, title: `Karta ${id}`, columnId: id % 4 }))
});

/** Enqueues what `next()` is given, one chunk at a time, when the test says so. */
function controlledStream() {
	const encoder = new TextEncoder();
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
	return {
		stream,
		send: (text: string) => controller.enqueue(encoder.encode(text)),
		close: () => controller.close()
	};
}
let streamed: ReturnType<typeof controlledStream>;

const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => unknown> = {
	'/page': (_req, res) =>
		setResponse(
			res,
			new Response(page, {
				headers: {
					'content-type': 'text/html',
					'content-length': String(Buffer.byteLength(page)),
					etag: '"abc"'
				}
			})
		),
	'/data': (_req, res) =>
		setResponse(res, new Response(data, { headers: { 'content-type': 'application/json' } })),
	'/csv': (_req, res) =>
		setResponse(
			res,
			new Response('id;title\n'.repeat(400), { headers: { 'content-type': 'text/csv' } })
		),
	'/small': (_req, res) =>
		setResponse(
			res,
			new Response('{"status":"ok"}', {
				headers: { 'content-type': 'application/json', 'content-length': '15' }
			})
		),
	'/not-modified': (_req, res) =>
		setResponse(res, new Response(null, { status: 304, headers: { etag: '"abc"' } })),
	'/no-content': (_req, res) => setResponse(res, new Response(null, { status: 204 })),
	'/image': (_req, res) =>
		setResponse(res, new Response(page, { headers: { 'content-type': 'image/png' } })),
	'/static': (_req, res) => {
		const body = zlib.brotliCompressSync(page);
		res.writeHead(200, {
			'content-type': 'text/html',
			'content-encoding': 'br',
			'content-length': body.length,
			vary: 'Accept-Encoding'
		});
		res.end(body);
	},
	'/ended-at-once': (_req, res) => {
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end(page);
	},
	'/events': (_req, res) =>
		setResponse(
			res,
			new Response(streamed.stream, {
				headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }
			})
		),
	'/streamed-page': (_req, res) =>
		setResponse(res, new Response(streamed.stream, { headers: { 'content-type': 'text/html' } })),
	'/big': (_req, res) => {
		const chunks = Array.from({ length: 200 }, (_, i) =>
			new TextEncoder().encode(JSON.stringify({ i, row: 'x'.repeat(i % 50) }).repeat(500))
		);
		return setResponse(
			res,
			new Response(
				new ReadableStream({
					pull(controller) {
						const next = chunks.shift();
						if (next) controller.enqueue(next);
						else controller.close();
					}
				}),
				{ headers: { 'content-type': 'application/json' } }
			)
		);
	}
};

let server: http.Server;
let port: number;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		compressAnswer(req, res);
		void routes[req.url!]!(req, res);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

/** The raw answer: the bytes as they came over the wire, not decoded. */
function get(path: string, headers: http.OutgoingHttpHeaders = {}, method = 'GET') {
	return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
		(done, fail) => {
			const req = http.request({ port, host: '127.0.0.1', path, method, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })
				);
			});
			req.on('error', fail);
			req.end();
		}
	);
}

const decode = (encoding: string | undefined, body: Buffer) =>
	encoding === 'br'
		? zlib.brotliDecompressSync(body)
		: encoding === 'gzip'
			? zlib.gunzipSync(body)
			: body;

describe('chooseEncoding', () => {
	it.each([
		['gzip, deflate, br', 'br'],
		['gzip, deflate, br, zstd', 'br'],
		['gzip, deflate', 'gzip'],
		['GZIP', 'gzip'],
		['x-gzip', 'gzip'],
		['br;q=0, gzip', 'gzip'],
		['gzip;q=1, br;q=0.5', 'gzip'],
		['gzip;q=0.8, br;q=0.9', 'br'],
		['*', 'br'],
		['*;q=0, gzip', 'gzip'],
		['br;q=0, gzip;q=0', null],
		['identity', null],
		['deflate', null],
		['identity;q=1, gzip;q=0.5', null],
		['', null],
		[undefined, null]
	])('%s → %s', (header, expected) => {
		expect(chooseEncoding(header)).toBe(expected);
	});
});

describe('compressAnswer', () => {
	it.each(['/page', '/data', '/csv', '/ended-at-once'])(
		'%s: gzip and brotli decode to the identity answer’s bytes',
		async (path) => {
			const identity = await get(path);
			expect(identity.headers['content-encoding']).toBeUndefined();
			expect(identity.body.length).toBeGreaterThan(1024);
			for (const [accept, encoding] of [
				['gzip', 'gzip'],
				['gzip, deflate, br', 'br']
			]) {
				const answer = await get(path, { 'accept-encoding': accept });
				expect(answer.status).toBe(200);
				expect(answer.headers['content-encoding']).toBe(encoding);
				expect(answer.headers['content-length']).toBeUndefined();
				expect(answer.headers.vary).toBe('Accept-Encoding');
				expect(answer.body.length).toBeLessThan(identity.body.length / 4);
				expect(decode(encoding, answer.body).equals(identity.body)).toBe(true);
			}
		}
	);

	it('compresses an answer made whole in one call, not through a stream', async () => {
		const oneCall = vi.spyOn(zlib, 'brotliCompressSync');
		const streams = vi.spyOn(zlib, 'createBrotliCompress');
		try {
			const answer = await get('/page', { 'accept-encoding': 'br' });
			expect(oneCall).toHaveBeenCalledTimes(1);
			expect(streams).not.toHaveBeenCalled();
			expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(page);
		} finally {
			oneCall.mockRestore();
			streams.mockRestore();
		}
	});

	it('sends the answer as it is without Accept-Encoding, or with identity alone', async () => {
		for (const headers of [
			{},
			{ 'accept-encoding': 'identity' },
			{ 'accept-encoding': 'br;q=0' }
		]) {
			const answer = await get('/page', headers);
			expect(answer.headers['content-encoding']).toBeUndefined();
			expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(page)));
			// A cache must still tell this answer from a compressed one.
			expect(answer.headers.vary).toBe('Accept-Encoding');
			expect(answer.headers.etag).toBe('"abc"');
			expect(answer.body.toString()).toBe(page);
		}
	});

	it('marks a compressed answer’s ETag weak: its bytes are not the identity answer’s', async () => {
		const answer = await get('/page', { 'accept-encoding': 'br' });
		expect(answer.headers.etag).toBe('W/"abc"');
	});

	it('leaves alone small answers, HEAD, 304, 204, images and precompressed files', async () => {
		const accept = { 'accept-encoding': 'gzip, br' };
		const small = await get('/small', accept);
		expect(small.headers['content-encoding']).toBeUndefined();
		expect(small.body.toString()).toBe('{"status":"ok"}');

		const head = await get('/page', accept, 'HEAD');
		expect(head.headers['content-encoding']).toBeUndefined();
		expect(head.headers['content-length']).toBe(String(Buffer.byteLength(page)));

		const notModified = await get('/not-modified', accept);
		expect(notModified.status).toBe(304);
		expect(notModified.headers['content-encoding']).toBeUndefined();

		const noContent = await get('/no-content', accept);
		expect(noContent.status).toBe(204);
		expect(noContent.headers['content-encoding']).toBeUndefined();

		const image = await get('/image', accept);
		expect(image.headers['content-encoding']).toBeUndefined();
		expect(image.body.toString()).toBe(page);

		// Already brotli: passed on byte for byte, not compressed twice.
		const precompressed = await get('/static', accept);
		expect(precompressed.headers['content-encoding']).toBe('br');
		expect(precompressed.headers.vary).toBe('Accept-Encoding');
		expect(Number(precompressed.headers['content-length'])).toBe(precompressed.body.length);
		expect(zlib.brotliDecompressSync(precompressed.body).toString()).toBe(page);
	});

	it('keeps backpressure: a large answer in many chunks arrives whole', async () => {
		const identity = await get('/big');
		const answer = await get('/big', { 'accept-encoding': 'gzip' });
		expect(identity.body.length).toBeGreaterThan(2_000_000);
		expect(zlib.gunzipSync(answer.body).equals(identity.body)).toBe(true);
	});
});

/**
 * Opens a streamed answer and returns a reader of its decoded text: what has arrived so far is
 * awaited piece by piece, while the server holds the rest back.
 */
function open(path: string, headers: http.OutgoingHttpHeaders) {
	return new Promise<{
		headers: http.IncomingHttpHeaders;
		until: (text: string) => Promise<string>;
		close: () => void;
	}>((done, fail) => {
		const req = http.request({ port, host: '127.0.0.1', path, headers }, (res) => {
			const encoding = res.headers['content-encoding'];
			const decoded =
				encoding === 'br'
					? res.pipe(zlib.createBrotliDecompress())
					: encoding === 'gzip'
						? res.pipe(zlib.createGunzip())
						: res;
			let text = '';
			let waiting: (() => void) | undefined;
			decoded.on('data', (chunk: Buffer) => {
				text += chunk.toString();
				waiting?.();
			});
			done({
				headers: res.headers,
				until: async (expected) => {
					while (!text.includes(expected)) await new Promise<void>((w) => (waiting = w));
					return text;
				},
				close: () => req.destroy()
			});
		});
		req.on('error', fail);
		req.end();
	});
}

describe('streamed answers', () => {
	it('an event stream is not compressed, and each event arrives before the next is sent', async () => {
		streamed = controlledStream();
		// The headers leave with the first chunk.
		const opening = open('/events', { 'accept-encoding': 'gzip, deflate, br' });
		streamed.send('retry: 5000\n\n');
		const events = await opening;
		expect(events.headers['content-encoding']).toBeUndefined();
		await events.until('retry: 5000');
		streamed.send('event: change\ndata: {}\n\n');
		expect(await events.until('event: change')).toBe('retry: 5000\n\nevent: change\ndata: {}\n\n');
		streamed.send('event: change\ndata: {"n":2}\n\n');
		await events.until('{"n":2}');
		events.close();
		streamed.close();
	});

	it('a streamed page is compressed and flushed as it is written, not held back', async () => {
		streamed = controlledStream();
		const opening = open('/streamed-page', { 'accept-encoding': 'br' });
		streamed.send('<!doctype html><p>first</p>');
		const answer = await opening;
		expect(answer.headers['content-encoding']).toBe('br');
		await answer.until('<p>first</p>');
		streamed.send('<p>second</p>');
		expect(await answer.until('<p>second</p>')).toBe('<!doctype html><p>first</p><p>second</p>');
		streamed.close();
		answer.close();
	});
});
