import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db/app';
import { handleDomain, idOr404, translate } from '$lib/server/http';
import { boardEventsSince } from '$lib/server/realtime/catch-up';
import type { RequestHandler } from './$types';

// GET /api/boards/:id/events?after=<event id>: what a board's open page missed while offline.
// (The session hook answers 401 to a request without a session.)
const query = z.object({ after: z.string().regex(/^\d{1,19}$/) });

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const boardId = idOr404(params.id);
	const parsed = query.safeParse({ after: url.searchParams.get('after') });
	if (!parsed.success) error(400, translate('error_invalid'));
	const missed = await handleDomain(() =>
		boardEventsSince(db(), locals.user!, boardId, parsed.data.after)
	);
	return json(missed, { headers: { 'cache-control': 'no-store' } });
};
