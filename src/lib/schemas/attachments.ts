import { recordId } from './common';
import { z } from './zod';

// Files on a card: removing one, and choosing (or clearing, with an empty field) its cover.

export const attachmentRefSchema = z.object({ attachmentId: recordId });
export const coverSchema = z.object({
	attachmentId: z.union([z.literal('').transform(() => null), recordId])
});

/**
 * Whose an uploaded file is, from the upload's query string: `?report=<id>` (its evidence),
 * `?comment=<id>` (sent with it), or neither (the card's own). Not both.
 */
export const uploadOwnerSchema = z
	.object({ report: recordId.optional(), comment: recordId.optional() })
	.refine((q) => q.report === undefined || q.comment === undefined, { path: ['comment'] })
	.transform((q) =>
		q.report !== undefined
			? { kind: 'report' as const, reportId: q.report }
			: q.comment !== undefined
				? { kind: 'comment' as const, commentId: q.comment }
				: { kind: 'card' as const }
	);
