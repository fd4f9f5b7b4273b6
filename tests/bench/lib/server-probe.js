import dc from 'node:diagnostics_channel';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

// Loaded into the app's server by the real-time benchmark (node --expose-gc --import this file),
// to measure from inside what cannot be seen from outside. It answers messages on the IPC channel:
// `memory`: process.memoryUsage() right after a full garbage collection (no garbage counted);
// `timing-start`: starts timing the POST requests the server handles (from their headers to the
// end of their answer) and its event loop's delay; `timing`: what was timed since, and stops.

const loop = monitorEventLoopDelay({ resolution: 5 });
const started = new WeakMap();
/** @type {number[] | null} */
let handled = null;

dc.subscribe('http.server.request.start', (message) => {
	const { request } = /** @type {{ request: import('node:http').IncomingMessage }} */ (message);
	if (handled && request.method === 'POST') started.set(request, performance.now());
});
dc.subscribe('http.server.response.finish', (message) => {
	const { request } = /** @type {{ request: import('node:http').IncomingMessage }} */ (message);
	const start = started.get(request);
	if (handled && start !== undefined) handled.push(performance.now() - start);
});

/** @param {{ type?: unknown }} request */
function answer(request) {
	if (request.type === 'memory') {
		globalThis.gc?.();
		return { usage: process.memoryUsage() };
	}
	if (request.type === 'timing-start') {
		handled = [];
		loop.reset();
		loop.enable();
		return {};
	}
	if (request.type === 'timing') {
		loop.disable();
		const timing = {
			handled: handled ?? [],
			loopP99: loop.percentile(99) / 1e6,
			loopMax: loop.max / 1e6
		};
		handled = null;
		return timing;
	}
	return null;
}

process.on('message', (message) => {
	const request = /** @type {{ type?: unknown; id?: unknown } | null} */ (message);
	const reply = request && answer(request);
	if (reply) process.send?.({ ...reply, id: request.id });
});
// The channel must not keep the server running once it is asked to stop.
process.channel?.unref();
