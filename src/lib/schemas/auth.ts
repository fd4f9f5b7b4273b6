import { m } from '$lib/paraglide/messages';
import { isCommonPassword } from './common-passwords';
import { MIN_PASSWORD_LENGTH } from './user-constants';
import { z } from './zod';

export { MIN_PASSWORD_LENGTH };

export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
/** A password being set (new account, reset): long enough and not one of the most common. */
export const newPassword = z
	.string()
	.min(MIN_PASSWORD_LENGTH)
	.max(256)
	.refine((p) => !isCommonPassword(p), { error: () => m.error_common_password() });

export const loginSchema = z.object({
	email,
	password: z.string().min(1).max(256),
	redirectTo: z.string().optional()
});

export const languageSchema = z.object({
	locale: z.enum(['pl', 'en']),
	redirectTo: z.string().optional()
});
