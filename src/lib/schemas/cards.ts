import { m } from '$lib/paraglide/messages';
import { optionalDate, optionalId, recordId, uniqueBy } from './common';
import { z } from './zod';

// Cards: one schema per form, shared by the pages and the server.

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** "Edukacja" and " edukacja" are one label: case and inner spaces aside. */
const sameLabel = (label: string) =>
	label.normalize('NFC').replace(/\s+/g, ' ').toLocaleLowerCase('pl');

/**
 * Labels typed as one comma-separated field: trimmed, unique (the first spelling kept), at most 10
 * of 40 characters.
 */
const labels = z
	.string()
	.optional()
	.transform((v) =>
		uniqueBy(
			(v ?? '')
				.split(',')
				.map((l) => l.trim())
				.filter(Boolean),
			sameLabel
		).slice(0, 10)
	)
	.pipe(z.array(z.string().max(40)));

export const cardFieldsSchema = z
	.object({
		title: z.string().trim().min(1).max(300),
		description: z.string().trim().max(20_000).optional().default(''),
		goalId: optionalId,
		priority: z.enum(PRIORITIES).default('normal'),
		labels,
		startDate: optionalDate,
		dueDate: optionalDate,
		// A checkbox: sent as "on" when ticked, not at all when not.
		isPublic: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
	})
	.refine((c) => !c.startDate || !c.dueDate || c.dueDate >= c.startDate, {
		path: ['dueDate'],
		error: () => m.card_due_before_start()
	});

/** `clientKey`: the form's key for this title, so that a repeated send makes one card. */
export const createCardSchema = cardFieldsSchema.and(
	z.object({ columnId: recordId, leadId: optionalId, clientKey: z.uuid().optional() })
);

/** An edit names the version it was based on: a stale one is refused with 409. */
export const updateCardSchema = cardFieldsSchema.and(z.object({ version: recordId }));

/**
 * A move: the target column and the card it goes after (none: to the top), with the version.
 * The "move to…" control sends both as one choice, `target` = "columnId:afterId".
 */
const splitTarget = (raw: unknown) => {
	if (typeof raw !== 'object' || raw === null || !('target' in raw)) return raw;
	const { target, ...rest } = raw as { target: unknown };
	const [columnId, afterId] = typeof target === 'string' ? target.split(':') : [];
	return { ...rest, columnId, afterId: afterId ?? '' };
};
export const moveCardSchema = z.preprocess(
	splitTarget,
	z.object({
		columnId: recordId,
		afterId: optionalId,
		version: recordId,
		confirmWip: z
			.enum(['true', 'false'])
			.optional()
			.transform((v) => v === 'true')
	})
);

export const versionSchema = z.object({ version: recordId });

export type CardFields = z.output<typeof cardFieldsSchema>;
export type CreateCardInput = z.output<typeof createCardSchema>;
export type UpdateCardInput = z.output<typeof updateCardSchema>;
export type MoveCardInput = z.output<typeof moveCardSchema>;
