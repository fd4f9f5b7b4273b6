import { recordId } from './common';
import { z } from './zod';

// Files on a card: removing one, and choosing (or clearing, with an empty field) its cover.

export const attachmentRefSchema = z.object({ attachmentId: recordId });
export const coverSchema = z.object({
	attachmentId: z.union([z.literal('').transform(() => null), recordId])
});
