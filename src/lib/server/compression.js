// Compression of the server's dynamic answers (pages, __data.json, JSON, CSV), for server.js:
// plain JavaScript with no imports of the app, like security-headers.js, so that it loads
// without the build. Static files are not its business: adapter-node sends their precompressed
// .br/.gz twins itself (they arrive here with a Content-Encoding, and pass untouched), and
// Socket.IO answers its own path before the app's handler is ever called.
import zlib from 'node:zlib';

/** Below this many bytes an answer goes as it is: the framing would eat most of the gain. */
export const THRESHOLD = 1024;

/**
 * Brotli at quality 3, gzip at level 4. Measured on the 200-card board page (313 kB;
 * docs/benchmarks.md): brotli 3 makes 25 kB for half the CPU of gzip's default level 6 (28 kB,
 * about 3 ms); brotli 4–5 save 2–5 kB more for 1.5–2.5 times the CPU, and 11 takes half a
 * second. The server's CPU is what is short, and every one of these is far below the 60 kB a
 * page may weigh. Gzip is for the few clients without brotli (browsers send `br` only over
 * HTTPS): level 4 costs a third less than 6 for 3 kB more.
 */
export const BROTLI_QUALITY = 3;
export const GZIP_LEVEL = 4;

/**
 * What is worth compressing: text answers. Not an event stream (each event must leave at once),
 * nor images, archives or spreadsheets (compressed already).
 */
const COMPRESSIBLE =
	/^\s*(text\/(html|plain|csv|css|javascript|xml|markdown)|application\/([\w.+-]*\+)?(json|xml|javascript)|image\/svg\+xml)\s*(;|$)/i;

/**
 * The coding to answer with, given an Accept-Encoding header: brotli or gzip, whichever the
 * client weighs higher (brotli on a tie: smaller for the same CPU), or null for none. q-values
 * are honoured: `q=0` refuses a coding, `*` stands for those not named, and an identity weighed
 * above both keeps the answer as it is.
 * @param {string | string[] | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function chooseEncoding(header) {
	if (!header) return null;
	/** @type {Map<string, number>} */
	const weights = new Map();
	for (const part of String(header).split(',')) {
		const [name = '', ...params] = part.split(';');
		let coding = name.trim().toLowerCase();
		if (!coding) continue;
		if (coding === 'x-gzip') coding = 'gzip';
		let q = 1;
		for (const param of params) {
			const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
			if (match) q = Math.min(1, Number(match[1]) || 0);
		}
		// The first mention of a coding counts, as in the RFC's examples.
		if (!weights.has(coding)) weights.set(coding, q);
	}
	const star = weights.get('*');
	const weight = (/** @type {string} */ coding) => weights.get(coding) ?? star ?? 0;
	const br = weight('br');
	const gzip = weight('gzip');
	const best = Math.max(br, gzip);
	if (best <= 0) return null;
	if ((weights.get('identity') ?? 0) > best) return null;
	return br >= gzip ? 'br' : 'gzip';
}

/** An answer that has not ended after this many bytes is compressed as a stream from there on. */
const BUFFER_LIMIT = 1024 * 1024;

/**
 * Makes `res` compress its body when the answer turns out compressible; call it before the
 * handler writes anything. The decision is taken when the status line goes out (writeHead,
 * explicit or implicit), from the status, the request's method and Accept-Encoding and the
 * answer's headers. A compressed answer loses its Content-Length, gets Content-Encoding and
 * `Vary: Accept-Encoding`, and its ETag becomes weak (the bytes differ from the identity
 * answer's).
 *
 * What the handler writes is held until the event loop turns. An answer that has ended by then
 * (a page, a `__data.json`, any answer made whole, as SvelteKit makes them) is compressed in one
 * call: a third of the CPU a zlib stream spends on the same bytes (0.5 against 1.5 ms for the
 * 200-card board page; docs/benchmarks.md). One still being written then (a streamed page, a
 * long export) goes through a zlib stream from there on, flushed whenever its writer pauses, so
 * it leaves as it is written rather than when the compressor's buffer fills.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ brotliQuality?: number, gzipLevel?: number, threshold?: number }} [options]
 */
export function compressAnswer(req, res, options = {}) {
	const threshold = options.threshold ?? THRESHOLD;
	// The response's own methods, loosely typed: they are called with what the handler passed.
	/** @type {(...args: any[]) => any} */
	const writeHead = res.writeHead;
	/** @type {(...args: any[]) => any} */
	const write = res.write;
	/** @type {(...args: any[]) => any} */
	const end = res.end;
	/** @type {'br' | 'gzip' | null} */
	let encoding = null;
	/** The brotli parameters, or the gzip level, for the one-call and the stream alike. */
	/** @type {zlib.BrotliOptions} */
	let brotliOptions = {};
	const gzipOptions = { level: options.gzipLevel ?? GZIP_LEVEL };
	/** What was written in this turn of the event loop, before any stream was needed. */
	/** @type {Buffer[]} */
	let held = [];
	let heldBytes = 0;
	/** @type {(() => void)[]} */
	let heldCallbacks = [];
	let holding = false;
	/** @type {zlib.Gzip | zlib.BrotliCompress | null} */
	let stream = null;
	let decided = false;
	let flushing = false;
	let ended = false;

	/** @param {number} status */
	function decide(status) {
		decided = true;
		if (req.method === 'HEAD' || status < 200 || status === 204 || status === 206) return;
		if (status === 304) return;
		const type = String(res.getHeader('content-type') ?? '');
		if (!COMPRESSIBLE.test(type) || res.hasHeader('content-encoding')) return;
		if (/\bno-transform\b/i.test(String(res.getHeader('cache-control') ?? ''))) return;
		const length = res.hasHeader('content-length')
			? Number(res.getHeader('content-length'))
			: undefined;
		if (length !== undefined && length < threshold) return;
		// From here the answer depends on Accept-Encoding, whatever this client sent.
		const vary = String(res.getHeader('vary') ?? '');
		if (!/(^|,)\s*(\*|accept-encoding)\s*(,|$)/i.test(vary))
			res.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
		encoding = chooseEncoding(req.headers['accept-encoding']);
		if (!encoding) return;
		brotliOptions = {
			params: {
				[zlib.constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? BROTLI_QUALITY,
				[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
				...(length ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: length } : {})
			}
		};
		res.setHeader('content-encoding', encoding);
		res.removeHeader('content-length');
		const etag = res.getHeader('etag');
		if (typeof etag === 'string' && etag.startsWith('"')) res.setHeader('etag', `W/${etag}`);
		res.once('close', () => {
			held = [];
			stream?.destroy();
		});
	}

	/** The answer goes on as a stream: what was held enters it first. */
	function openStream() {
		const compressed =
			encoding === 'br' ? zlib.createBrotliCompress(brotliOptions) : zlib.createGzip(gzipOptions);
		stream = compressed;
		compressed.on('data', (/** @type {Buffer} */ chunk) => {
			if (!write.call(res, chunk)) compressed.pause();
		});
		// The socket took what was waiting: let the compressor go on.
		res.on('drain', () => compressed.resume());
		// The compressor took what was written: the handler may write more.
		compressed.on('drain', () => res.emit('drain'));
		compressed.on('end', () => end.call(res));
		compressed.on('error', (error) => res.destroy(error));
		const callbacks = heldCallbacks;
		for (const chunk of held) compressed.write(chunk);
		held = [];
		heldCallbacks = [];
		for (const callback of callbacks) callback();
		scheduleFlush();
		return compressed;
	}

	/** A stream's output leaves when its writer pauses, not when zlib's buffer fills. */
	function scheduleFlush() {
		if (flushing) return;
		flushing = true;
		setImmediate(() => {
			flushing = false;
			if (!ended && stream && !stream.destroyed) stream.flush();
		});
	}

	/** The answer was still being written when the event loop turned: stream it. */
	function stillWriting() {
		holding = false;
		if (!ended && !stream && !res.destroyed) openStream();
	}

	/**
	 * @param {any} chunk
	 * @param {any} [encoding]
	 */
	const toBuffer = (chunk, encoding) =>
		typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : chunk;

	/** @type {any} */
	const patched = res;
	patched.writeHead = function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
		if (!decided && !res.headersSent) {
			const headers = typeof rest[0] === 'string' ? rest[1] : rest[0];
			// Headers given here join those set before, so that the decision sees them all; a raw
			// array of them is rare enough to pass as it is, uncompressed.
			if (Array.isArray(headers)) decided = true;
			else {
				if (headers)
					for (const [name, value] of Object.entries(headers))
						if (value !== undefined) res.setHeader(name, value);
				res.statusCode = status;
				decide(status);
				return typeof rest[0] === 'string'
					? writeHead.call(res, status, rest[0])
					: writeHead.call(res, status);
			}
		}
		return writeHead.call(res, status, ...rest);
	};
	patched.write = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
		if (!decided && !res.headersSent) res.writeHead(res.statusCode);
		if (!encoding) return write.call(res, chunk, ...rest);
		if (ended) return false;
		const callback = rest.find((r) => typeof r === 'function');
		const buffer = toBuffer(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
		if (stream) {
			const accepted = stream.write(buffer, callback);
			scheduleFlush();
			return accepted;
		}
		held.push(buffer);
		heldBytes += buffer.length;
		if (callback) heldCallbacks.push(callback);
		// Past the limit it is a long answer: it streams from here, with the stream's backpressure.
		if (heldBytes >= BUFFER_LIMIT) return !openStream().writableNeedDrain;
		if (!holding) {
			holding = true;
			setImmediate(stillWriting);
		}
		return true;
	};
	patched.end = function (/** @type {any} */ chunk, /** @type {any[]} */ ...rest) {
		if (typeof chunk === 'function') {
			rest = [chunk];
			chunk = undefined;
		}
		if (!decided && !res.headersSent) {
			// Ended at once with its whole body: its size is known even without Content-Length.
			if (chunk != null && !res.hasHeader('content-length') && res.statusCode !== 304)
				res.setHeader(
					'content-length',
					typeof chunk === 'string' ? Buffer.byteLength(chunk, rest[0]) : chunk.length
				);
			res.writeHead(res.statusCode);
		}
		if (!encoding) return end.call(res, chunk, ...rest);
		if (ended) return res;
		ended = true;
		const callback = rest.find((r) => typeof r === 'function');
		if (callback) res.once('finish', callback);
		const last =
			chunk != null ? toBuffer(chunk, typeof rest[0] === 'string' ? rest[0] : undefined) : null;
		if (stream) {
			if (last) stream.end(last);
			else stream.end();
			return res;
		}
		// The whole answer is here: compressed in one call.
		const body = Buffer.concat(last ? [...held, last] : held);
		const callbacks = heldCallbacks;
		held = [];
		heldCallbacks = [];
		let compressed;
		try {
			compressed =
				encoding === 'br'
					? zlib.brotliCompressSync(body, brotliOptions)
					: zlib.gzipSync(body, gzipOptions);
		} catch (error) {
			res.destroy(/** @type {Error} */ (error));
			return res;
		}
		end.call(res, compressed);
		for (const written of callbacks) written();
		return res;
	};
}
