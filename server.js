// The production server: the built SvelteKit app (build/handler.js) on Node's http server, on
// which the real-time server will also live. `npm start` runs this after `npm run build`.
import http from 'node:http';

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
const baseHeaders = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	...(process.env.ORIGIN.startsWith('https:')
		? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }
		: {})
};
const server = http.createServer((req, res) => {
	for (const [name, value] of Object.entries(baseHeaders)) res.setHeader(name, value);
	handler(req, res);
});
// The real-time server (Socket.IO) on the same port; the app's init hook left its attach function.
const attachRealtime = globalThis[Symbol.for('torun.attachRealtime')];
const realtime = attachRealtime?.(server, process.env.ORIGIN);
server.listen(port, host, () => {
	console.log(`Listening on ${process.env.ORIGIN} (bound to ${host}:${port})`);
});

let stopping = false;
function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: finishing open requests, then closing the database.`);
	// Closing the real-time server closes its sockets and then the HTTP server.
	const closing = realtime ? realtime.close() : new Promise((done) => server.close(done));
	closing.catch(() => {}).finally(() => process.emit('sveltekit:shutdown', signal));
	server.closeIdleConnections();
	// Never hang forever on a stuck connection.
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
