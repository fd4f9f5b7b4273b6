import { m } from '$lib/paraglide/messages';
import { recordId } from './common';
import { z } from './zod';

// A board's columns: one schema per form of the board's settings page, shared with the server.

export const COLUMN_STATUSES = ['todo', 'in_progress', 'blocked', 'done'] as const;
export type ColumnStatus = (typeof COLUMN_STATUSES)[number];

export const MAX_WIP_LIMIT = 999;

/**
 * The WIP limit as typed: empty means no limit. Digits only, so '1e2' or '2.5' are refused with
 * a message that says what is expected instead of being read as some other number.
 */
const wipLimit = z
	.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z
			.string()
			.trim()
			.regex(/^\d{1,6}$/, { error: () => m.columns_wip_invalid({ max: MAX_WIP_LIMIT }) })
			.transform(Number)
			.pipe(z.number().int().min(1).max(MAX_WIP_LIMIT))
			.optional()
	)
	.transform((v) => v ?? null);

export const columnFieldsSchema = z.object({
	title: z.string().trim().min(1).max(60),
	status: z.enum(COLUMN_STATUSES),
	wipLimit
});

export const updateColumnSchema = columnFieldsSchema.extend({ columnId: recordId });

export const moveColumnSchema = z.object({
	columnId: recordId,
	direction: z.enum(['left', 'right'])
});

/** Removal names where the column's cards go: another column of the same board. */
export const removeColumnSchema = z.object({
	columnId: recordId,
	targetColumnId: recordId
});

export type ColumnFields = z.output<typeof columnFieldsSchema>;
export type ColumnDirection = z.output<typeof moveColumnSchema>['direction'];
