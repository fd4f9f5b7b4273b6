import { EMAIL_KIND_NAMES } from '$lib/schemas/email';
import type { EmailMode, NotificationType } from '../db/schema';

// The kinds of e-mail a person may receive, one per kind of notification that is mailed, and what
// each does when the person has not chosen: what needs an answer comes at once, due dates in the
// morning's digest. A comment on one's card ('commented') stays in the app: it is not mailed.

export const EMAIL_KINDS = EMAIL_KIND_NAMES;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_MODES = ['immediate', 'daily', 'never'] as const satisfies readonly EmailMode[];

export const DEFAULT_MODE: Record<EmailKind, EmailMode> = {
	mentioned: 'immediate',
	assigned: 'immediate',
	org_assigned: 'immediate',
	report_submitted: 'immediate',
	report_returned: 'immediate',
	report_accepted: 'immediate',
	due: 'daily',
	cycle_reminder: 'immediate'
};

export function emailKindOf(type: NotificationType): EmailKind | null {
	return (EMAIL_KINDS as readonly string[]).includes(type) ? (type as EmailKind) : null;
}

export function isEmailKind(kind: string): kind is EmailKind {
	return (EMAIL_KINDS as readonly string[]).includes(kind);
}
