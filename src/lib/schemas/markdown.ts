import { z } from './zod';

// A preview of Markdown being written on a card: its description or a comment, rendered exactly
// as it will be shown once saved. As long as the longest of the two may be.

export const MARKDOWN_KINDS = ['description', 'comment'] as const;

export const markdownPreviewSchema = z.object({
	kind: z.enum(MARKDOWN_KINDS),
	text: z.string().trim().max(20_000).optional().default('')
});

export type MarkdownPreviewInput = z.infer<typeof markdownPreviewSchema>;
