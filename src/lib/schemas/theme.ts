import { z } from 'zod';

/** The colour theme a person chose; `system` follows their device's setting. */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

export const themeSchema = z.object({
	theme: z.enum(THEMES),
	redirectTo: z.string().optional()
});
