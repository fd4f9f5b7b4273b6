import { error, redirect } from '@sveltejs/kit';
import { recordId } from '$lib/schemas/common';
import { loadViewer } from '$lib/server/auth/policy';
import { db } from '$lib/server/db/app';
import { boardsForNewCard } from '$lib/server/goals/progress';
import { findGoal } from '$lib/server/goals/repository';
import { idOr404, translate } from '$lib/server/http';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';

// Where the goal page's "create a card" form goes: a form can pick a board only as a query
// value, so this turns it into the board's address, after checking the person may add a card
// for this goal there. The board page then opens its new-card form with the goal chosen.

export const GET: RequestHandler = async ({ params, url, locals }) => {
	const goal = await findGoal(db(), idOr404(params.id));
	if (!goal) error(404, translate('error_not_found'));
	const boardId = recordId.safeParse(url.searchParams.get('board') ?? '');
	if (!boardId.success) error(400, translate('error_invalid'));
	const viewer = await loadViewer(db(), requireUser(locals));
	const boards = await boardsForNewCard(db(), requireUser(locals), viewer, goal);
	// A board the person may not add to answers 404, like one that is not there.
	if (!boards.some((b) => b.id === boardId.data)) error(404, translate('error_not_found'));
	redirect(303, `/boards/${boardId.data}?new=1&goal=${goal.id}`);
};
