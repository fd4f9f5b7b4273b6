import { z } from 'zod';
import { recordId } from './common';

// E-mail preferences and the unsubscribe link, as forms and query strings send them.

export const EMAIL_KIND_NAMES = [
	'mentioned',
	'assigned',
	'org_assigned',
	'report_submitted',
	'report_returned',
	'report_accepted',
	'due',
	'cycle_reminder'
] as const;
const mode = z.enum(['immediate', 'daily', 'never']);

/** One mode for every kind: the preferences form sends them all at once. */
export const emailPreferencesSchema = z.object(
	Object.fromEntries(EMAIL_KIND_NAMES.map((k) => [k, mode])) as Record<
		(typeof EMAIL_KIND_NAMES)[number],
		typeof mode
	>
);
export type EmailPreferencesInput = z.output<typeof emailPreferencesSchema>;

/** The signed token of an unsubscribe link (email/token.ts checks its signature). */
export const unsubscribeSchema = z.object({ t: z.string().min(1).max(200) });

/** The outbox's page: messages older than this id. */
export const outboxQuerySchema = z.object({ before: recordId.optional() });
