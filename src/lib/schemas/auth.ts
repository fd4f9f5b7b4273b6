import { z } from './zod';

export const MIN_PASSWORD_LENGTH = 10;

export const email = z.string().trim().toLowerCase().pipe(z.email().max(254));
export const newPassword = z.string().min(MIN_PASSWORD_LENGTH).max(256);

export const loginSchema = z.object({
	email,
	password: z.string().min(1).max(256),
	redirectTo: z.string().optional()
});

export const languageSchema = z.object({
	locale: z.enum(['pl', 'en']),
	redirectTo: z.string().optional()
});

/** Only a path on this site: never an absolute or protocol-relative URL (no open redirect). */
export function safeRedirect(target: string | undefined | null, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return fallback;
	}
	return target;
}
