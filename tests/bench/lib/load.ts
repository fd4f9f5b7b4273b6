import autocannon from 'autocannon';
import { percentile } from './stats';

// A fixed-duration HTTP load with autocannon: N connections, each one signed-in client with a
// cookie of its own, each going round its own list of requests (so a client's writes can follow
// its own state, such as a card's version). Latency is taken per response from autocannon's
// `response` event, so that p95 (which autocannon's summary lacks) and each request kind's own
// figures can be told.

export interface LoadRequest {
	/** What the request is, for the per-kind figures. */
	label: string;
	method?: 'GET' | 'POST';
	path: string;
	/** A form body (x-www-form-urlencoded); built when the request is sent. */
	body?: () => string;
	headers?: Record<string, string>;
	/** Whether the answer did what was asked, beyond a 2xx status (it may learn from it too). */
	check?: (status: number, body: string) => boolean;
}

export interface Figures {
	requests: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
}

export interface LoadResult extends Figures {
	seconds: number;
	/** Connection errors and timeouts. */
	errors: number;
	/**
	 * Requests sent, answered or not: those still in flight when the time is up are answered after
	 * it, so a server's CPU measured until it is idle again is divided by these.
	 */
	sent: number;
	/** Answers with a status outside 2xx. */
	non2xx: number;
	/** 2xx answers that `check` refused (a form action's failure). */
	refused: number;
	/** The first few statuses and bodies of what went wrong, for the report. */
	samples: string[];
	byLabel: Map<string, Figures>;
}

function figures(times: number[], seconds: number): Figures {
	return {
		requests: times.length,
		perSecond: times.length / seconds,
		p50: percentile(times, 50),
		p95: percentile(times, 95),
		p99: percentile(times, 99)
	};
}

/**
 * Runs the load for `seconds`: connection i (of `cookies.length`) sends `plan(i)` round and round
 * with cookie i. Resolves when autocannon has stopped (it stops by itself after the duration).
 */
export async function runLoad(options: {
	origin: string;
	cookies: string[];
	seconds: number;
	plan: (client: number) => LoadRequest[];
}): Promise<LoadResult> {
	const times = new Map<string, number[]>();
	const all: number[] = [];
	const samples: string[] = [];
	let refused = 0;
	let slots = 0;
	/** The request each client is waiting on: autocannon's `response` event does not say. */
	const pending = new Map<autocannon.Client, string>();
	const keep = (what: string) => samples.length < 5 && samples.push(what.slice(0, 300));

	const load = {
		url: options.origin,
		connections: options.cookies.length,
		duration: options.seconds,
		timeout: 30,
		// Replaced by each client's own list in setupClient.
		requests: [{ method: 'GET', path: '/api/health' }],
		setupClient(client) {
			const slot = slots++ % options.cookies.length;
			const cookie = options.cookies[slot]!;
			client.setRequests(
				options.plan(slot).map((request) => ({
					method: request.method ?? 'GET',
					path: request.path,
					setupRequest(req) {
						pending.set(client, request.label);
						const headers: Record<string, string> = { ...request.headers, cookie };
						if (!request.body) return { ...req, headers };
						headers['content-type'] = 'application/x-www-form-urlencoded';
						headers.origin = options.origin;
						return { ...req, headers, body: request.body() };
					},
					onResponse(status, body) {
						const ok = status >= 200 && status < 300;
						if (!ok) keep(`${request.label}: ${status} ${body}`);
						if (ok && request.check && !request.check(status, body)) {
							refused++;
							keep(`${request.label}: refused: ${body}`);
						}
					}
				}))
			);
		}
	} satisfies autocannon.Options;
	const result = await new Promise<autocannon.Result>((done, fail) => {
		const instance = autocannon(load, (error, result) => (error ? fail(error) : done(result)));
		instance.on('response', (client, _status, _bytes, responseTime) => {
			const label = pending.get(client) ?? '?';
			let list = times.get(label);
			if (!list) times.set(label, (list = []));
			list.push(responseTime);
			all.push(responseTime);
		});
	});
	const seconds = result.duration;
	return {
		...figures(all, seconds),
		seconds,
		sent: result.requests.sent,
		errors: result.errors + result.timeouts,
		non2xx: result.non2xx,
		refused,
		samples,
		byLabel: new Map([...times].map(([label, list]) => [label, figures(list, seconds)]))
	};
}
