import { onPublicChange } from '$lib/server/realtime/public-feed';
import type { RequestHandler } from './$types';

// GET /public/events: Server-Sent Events for the public progress page. A "change" is sent at most
// every 2 s while the boards change; a comment line every 25 s keeps proxies from closing it.

const THROTTLE_MS = 2000;
const KEEP_ALIVE_MS = 25_000;

export const GET: RequestHandler = ({ request }) => {
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			let pending: NodeJS.Timeout | undefined;
			const unsubscribe = onPublicChange(() => {
				pending ??= setTimeout(() => {
					pending = undefined;
					send('event: change\ndata: {}\n\n');
				}, THROTTLE_MS);
			});
			const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
			stop = () => {
				unsubscribe();
				clearInterval(keepAlive);
				clearTimeout(pending);
			};
			request.signal.addEventListener('abort', () => {
				stop();
				try {
					controller.close();
				} catch {
					// Already closed.
				}
			});
			send('retry: 5000\n\n');
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			connection: 'keep-alive'
		}
	});
};
