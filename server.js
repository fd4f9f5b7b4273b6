// The production server: the built SvelteKit app (build/handler.js) on Node's http server, on
// which the real-time server will also live. `npm start` runs this after `npm run build`.
import http from 'node:http';
import { compressAnswer } from './src/lib/server/compression.js';
import { securityHeaders } from './src/lib/server/security-headers.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';
// adapter-node needs the public origin to check form posts; locally it is this address.
process.env.ORIGIN ??= `http://localhost:${port}`;
// The largest request body the app reads (adapter-node's setting, here made explicit): a bigger
// one is refused with 413 Payload Too Large before it fills memory. No form needs more.
process.env.BODY_SIZE_LIMIT ??= '512K';

let handler;
try {
	// Importing the handler runs the app's init hook: environment check, migrations, seed.
	({ handler } = await import('./build/handler.js'));
} catch (error) {
	if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('build/handler')) {
		console.error('The app is not built yet: run `npm run build` first.');
	} else {
		console.error(`The app could not start: ${error instanceof Error ? error.message : error}`);
	}
	process.exit(1);
}

// The headers src/hooks.server.ts sets, here for every answer: static files and redirects made
// outside the app's hooks get them too (the hook's own values win where both set one).
const baseHeaders = securityHeaders(process.env.ORIGIN.startsWith('https:'));
// Requests being handled: the database is closed only once none is left. A request counts until
// both its handler has finished (it may still be working after its client went away) and its
// response is closed.
let inFlight = 0;
let stopping = false;
let drained = () => {};
function track(req, res) {
	inFlight++;
	// While stopping, a connection closes after its answer instead of waiting for another request.
	if (stopping) res.setHeader('connection', 'close');
	let handled;
	try {
		handled = Promise.resolve(handler(req, res));
	} catch (error) {
		handled = Promise.reject(error);
	}
	const closed = new Promise((done) => res.once('close', done));
	Promise.allSettled([handled, closed]).then(() => {
		inFlight--;
		if (!stopping) return;
		server.closeIdleConnections();
		if (inFlight === 0) drained();
	});
}

// An attachment's upload (src/lib/server/attachments/upload.ts) is read by its route as a stream
// and held to MAX_UPLOAD_MB there: without its content type, adapter-node leaves its body unread
// instead of refusing it past BODY_SIZE_LIMIT. Any other request keeps the limit.
const UPLOAD_PATH = /^\/boards\/\d+\/cards\/\d+\/attachments\/?$/;
function streamUpload(req) {
	if (req.method !== 'POST' || !UPLOAD_PATH.test((req.url ?? '').split('?')[0])) return;
	delete req.headers['content-type'];
}

const server = http.createServer((req, res) => {
	streamUpload(req);
	for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
	// Pages, __data.json, JSON and CSV leave gzipped or in brotli, as the client accepts (a 200-card
	// board page: 320 kB as it is, under 30 kB compressed); static files carry their own.
	compressAnswer(req, res);
	track(req, res);
});
// The real-time server (Socket.IO) on the same port; the app's init hook left its attach function.
const attachRealtime = globalThis[Symbol.for('torun.attachRealtime')];
const realtime = attachRealtime?.(server, process.env.ORIGIN);
server.listen(port, host, () => {
	console.log(`Listening on ${process.env.ORIGIN} (bound to ${host}:${port})`);
});

// Never hang for ever on a stuck request: after this the process ends regardless.
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: finishing open requests, then closing the database.`);
	setTimeout(() => {
		console.error(`${inFlight} request(s) still open after ${SHUTDOWN_TIMEOUT_MS} ms: exiting.`);
		process.exit(1);
	}, SHUTDOWN_TIMEOUT_MS).unref();
	// No new connections from now on (idle keep-alive ones are closed too); the requests held are
	// answered.
	server.close();
	const allAnswered = new Promise((done) => {
		drained = done;
		if (inFlight === 0) done();
	});
	// The real-time server's sockets and publisher end now: nothing is pushed during a shutdown.
	await realtime?.close().catch((error) => console.error('Real-time server:', error.message));
	await allAnswered;
	// Only connections without a request are left.
	server.closeAllConnections();
	// The app's shutdown hook closes the database (flushing the embedded one), then says so.
	process.emit('sveltekit:shutdown', signal);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
