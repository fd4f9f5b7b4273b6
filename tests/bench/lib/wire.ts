import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { BROTLI_QUALITY, GZIP_LEVEL } from '../../../src/lib/server/compression.js';

// What a page weighs on the wire: its answer as the server sends it (with and without
// compression), and the JavaScript the browser must fetch before the page runs.

export interface Wire {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** Bytes of the body as they came over the wire (compressed, when it was). */
	bytes: number;
	/** The body, decoded. */
	body: string;
}

/** GET with the given headers, read raw (Node's fetch would ask for compression itself). */
export function getRaw(url: string, headers: Record<string, string>): Promise<Wire> {
	return new Promise((done, fail) => {
		http
			.get(url, { headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const wire = Buffer.concat(chunks);
					const coding = res.headers['content-encoding'];
					const body =
						coding === 'br'
							? zlib.brotliDecompressSync(wire)
							: coding === 'gzip'
								? zlib.gunzipSync(wire)
								: wire;
					done({
						status: res.statusCode!,
						headers: res.headers,
						bytes: wire.length,
						body: body.toString()
					});
				});
			})
			.on('error', fail);
	});
}

/** Static imports of a built module: what the browser fetches with it before it runs. */
const STATIC_IMPORT =
	/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+\.js)["']/g;

export interface Scripts {
	files: string[];
	/** Sums of their sizes: as built, gzip (the build's .gz twins), brotli (the .br twins). */
	raw: number;
	gzip: number;
	brotli: number;
}

/**
 * The JavaScript a server-rendered page loads at once: the modules its Link header preloads and
 * its inline script imports, and every module they import statically, read from the build
 * (`<appDir>/build/client`). Modules imported dynamically (a dialog's code, loaded when opened)
 * are not counted: the page runs without them.
 */
export function pageScripts(appDir: string, pageUrl: string, page: Wire): Scripts {
	const root = path.join(appDir, 'build', 'client');
	const named = [
		...String(page.headers.link ?? '').matchAll(/<([^>]+\.js)>;\s*rel="modulepreload"/g),
		...page.body.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
		...page.body.matchAll(/\bimport\(\s*"([^"]+\.js)"\s*\)/g)
	].map((m) => new URL(m[1]!, pageUrl).pathname);
	const seen = new Set<string>();
	const queue = [...named];
	while (queue.length) {
		const file = queue.shift()!;
		if (seen.has(file)) continue;
		seen.add(file);
		const source = readFileSync(path.join(root, file), 'utf8');
		for (const m of source.matchAll(STATIC_IMPORT))
			queue.push(new URL(m[1]!, `http://x${file}`).pathname);
	}
	const files = [...seen].sort();
	const size = (file: string, twin: string, compress: (b: Buffer) => Buffer) => {
		const full = path.join(root, file);
		if (existsSync(full + twin)) return readFileSync(full + twin).length;
		return compress(readFileSync(full)).length;
	};
	return {
		files,
		raw: files.reduce((s, f) => s + readFileSync(path.join(root, f)).length, 0),
		gzip: files.reduce((s, f) => s + size(f, '.gz', (b) => zlib.gzipSync(b, { level: 9 })), 0),
		brotli: files.reduce((s, f) => s + size(f, '.br', (b) => zlib.brotliCompressSync(b)), 0)
	};
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/**
 * The CPU milliseconds compressing this body takes at the server's settings (the mean of 20, in
 * this process: the server's share of it is the same work on another thread).
 */
export function compressionCpu(body: string): { brotli: number; gzip: number } {
	const buffer = Buffer.from(body);
	const time = (compress: () => Buffer) => {
		compress();
		const start = process.cpuUsage();
		for (let i = 0; i < 20; i++) compress();
		const used = process.cpuUsage(start);
		return (used.user + used.system) / 1000 / 20;
	};
	return {
		brotli: time(() =>
			zlib.brotliCompressSync(buffer, {
				params: {
					[zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
					[zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
					[zlib.constants.BROTLI_PARAM_SIZE_HINT]: buffer.length
				}
			})
		),
		gzip: time(() => zlib.gzipSync(buffer, { level: GZIP_LEVEL }))
	};
}
