import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import {
	columnFieldsSchema,
	moveColumnSchema,
	removeColumnSchema,
	updateColumnSchema
} from '$lib/schemas/columns';
import { recordId } from '$lib/schemas/common';
import type { Actor } from '$lib/server/auth/policy';
import * as columns from '$lib/server/boards/columns';
import { getLabelColourSettings, setLabelColours } from '$lib/server/boards/labels';
import { labelColoursSchema } from '$lib/schemas/label-colours';
import { db } from '$lib/server/db/app';
import { DomainError } from '$lib/server/errors';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// A board's settings: its columns and its label colours. Only the board's managers reach this page; everyone else,
// including the board's own members, gets the same 404 as for a board that is not there, so the
// page does not tell a member that settings exist which they may not use. Every answer of an
// action carries the `intent` of its form, so the page shows it beside that form.

function notFound(): never {
	error(404, m.error_not_found());
}

/** Runs an access check or loader, answering every refusal, 403 included, with 404. */
async function or404<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (err) {
		if (err instanceof DomainError && (err.status === 403 || err.status === 404)) notFound();
		throw err;
	}
}

/** Who acts on which board: checked before the form is read, so a refusal answers first. */
async function manager(rawId: string, user: App.Locals['user']): Promise<[Actor, number]> {
	const id = recordId.safeParse(rawId);
	if (!user || !id.success) notFound();
	await or404(() => columns.managedBoard(db(), user, id.data));
	return [user, id.data];
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const [actor, boardId] = await manager(params.id, locals.user);
	const [settings, labels] = await Promise.all([
		or404(() => columns.getColumnSettings(db(), actor, boardId)),
		or404(() => getLabelColourSettings(db(), actor, boardId))
	]);
	return { ...settings, labels };
};

export const actions: Actions = {
	add: async ({ request, params, locals }) => {
		const [actor, boardId] = await manager(params.id, locals.user);
		return formAction(request, columnFieldsSchema, async (input) => {
			const column = await columns.addColumn(db(), actor, boardId, input);
			return { intent: 'add', done: 'added', title: column.title };
		});
	},
	update: async ({ request, params, locals }) => {
		const [actor, boardId] = await manager(params.id, locals.user);
		return formAction(request, updateColumnSchema, async ({ columnId, ...input }) => {
			const column = await columns.updateColumn(db(), actor, boardId, columnId, input);
			return { intent: `column-${columnId}`, done: 'saved', title: column.title };
		});
	},
	move: async ({ request, params, locals }) => {
		const [actor, boardId] = await manager(params.id, locals.user);
		return formAction(request, moveColumnSchema, async ({ columnId, direction }) => {
			const moved = await columns.moveColumn(db(), actor, boardId, columnId, direction);
			return { intent: `column-${columnId}`, done: 'moved', ...moved };
		});
	},
	labels: async ({ request, params, locals }) => {
		const [actor, boardId] = await manager(params.id, locals.user);
		return formAction(request, labelColoursSchema, async (colours) => {
			await setLabelColours(db(), actor, boardId, colours);
			return { intent: 'labels', done: 'saved' };
		});
	},
	remove: async ({ request, params, locals }) => {
		const [actor, boardId] = await manager(params.id, locals.user);
		return formAction(request, removeColumnSchema, async ({ columnId, targetColumnId }) => {
			const removed = await columns.removeColumn(db(), actor, boardId, columnId, targetColumnId);
			// The column is gone, so its outcome is shown at the top of the page.
			return {
				intent: 'page',
				done: 'removed',
				title: removed.title,
				target: removed.target,
				count: removed.moved.length
			};
		});
	}
};
