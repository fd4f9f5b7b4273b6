import { json } from '@sveltejs/kit';
import { eventCursor } from '$lib/schemas/common';
import { z } from '$lib/schemas/zod';
import { db } from '$lib/server/db/app';
import { handleDomain, idOr404, translate } from '$lib/server/http';
import { boardEventsSince } from '$lib/server/realtime/catch-up';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// GET /api/boards/:id/events?after=<event id>: what a board's open page missed while offline.
// (The session hook answers 401 to a request without a session.)
const query = z.object({ after: eventCursor });

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const boardId = idOr404(params.id);
	const parsed = query.safeParse({ after: url.searchParams.get('after') });
	if (!parsed.success) {
		const errors = z.flattenError(parsed.error).fieldErrors;
		return json({ message: translate('error_invalid'), errors }, { status: 400 });
	}
	const missed = await handleDomain(() =>
		boardEventsSince(db(), requireUser(locals), boardId, parsed.data.after)
	);
	return json(missed, { headers: { 'cache-control': 'no-store' } });
};
