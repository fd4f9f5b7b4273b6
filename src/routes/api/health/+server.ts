import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { databaseIsUp } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

// For load balancers and monitoring: 200 when the database answers, 503 when it does not.
export const GET: RequestHandler = async () => {
	const started = performance.now();
	const headers = { 'cache-control': 'no-store' };
	if (await databaseIsUp(db())) {
		const latencyMs = Math.round(performance.now() - started);
		return json({ status: 'ok', database: 'up', latencyMs }, { headers });
	}
	return json(
		{ status: 'unavailable', database: 'down' },
		{ status: 503, headers: { ...headers, 'retry-after': '5' } }
	);
};
