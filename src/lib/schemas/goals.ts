import { m } from '$lib/paraglide/messages';
import { z } from './zod';

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max)
		.optional()
		.transform((v) => (v ? v : null));

/** A goal's number in the strategy's own form: 1, 1.2, 1.2.3. Areas have none. */
export const goalCode = z
	.string()
	.trim()
	.regex(/^\d{1,3}(\.\d{1,3}){0,4}$/, { error: () => m.goal_code_invalid() });

export const goalFormSchema = z.object({
	code: z
		.union([goalCode, z.literal('')])
		.optional()
		.transform((v) => (v ? v : null)),
	title: z.string().trim().min(1).max(500),
	description: optionalText(5000)
});

export const moveGoalSchema = z.object({ direction: z.enum(['up', 'down']) });

export const outlineSchema = z.object({ text: z.string().trim().min(1).max(50_000) });

export type GoalForm = z.output<typeof goalFormSchema>;
