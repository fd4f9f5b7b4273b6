import { recordId } from './common';
import { z } from './zod';

// Comments on a card: Markdown, up to 10,000 characters.

const body = z.string().trim().min(1).max(10_000);

/** `clientKey`: the form's key for this text, so that a repeated send is saved once. */
export const newCommentSchema = z.object({ body, clientKey: z.uuid().optional() });
export const editCommentSchema = z.object({ commentId: recordId, body });
export const commentRefSchema = z.object({ commentId: recordId });

export type NewCommentInput = z.infer<typeof newCommentSchema>;
export type EditCommentInput = z.infer<typeof editCommentSchema>;
