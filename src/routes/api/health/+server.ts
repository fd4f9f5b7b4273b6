import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import { db } from '$lib/server/db/app';
import type { RequestHandler } from './$types';

// For load balancers and monitoring: 200 when the database answers, 503 when it does not.
export const GET: RequestHandler = async () => {
	const started = performance.now();
	try {
		await sql`select 1`.execute(db());
		return json(
			{ status: 'ok', database: 'up', latencyMs: Math.round(performance.now() - started) },
			{ headers: { 'cache-control': 'no-store' } }
		);
	} catch {
		return json(
			{ status: 'unavailable', database: 'down' },
			{ status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '5' } }
		);
	}
};
