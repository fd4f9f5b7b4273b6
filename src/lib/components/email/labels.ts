import { m } from '$lib/paraglide/messages';

// Names of e-mail kinds, modes and states, in the page's language.

export const kindLabel = (kind: string): string =>
	({
		mentioned: m.email_kind_mentioned(),
		assigned: m.email_kind_assigned(),
		org_assigned: m.email_kind_org_assigned(),
		report_submitted: m.email_kind_report_submitted(),
		report_returned: m.email_kind_report_returned(),
		report_accepted: m.email_kind_report_accepted(),
		due: m.email_kind_due(),
		cycle_reminder: m.email_kind_cycle_reminder(),
		digest: m.email_unsubscribe_digest()
	})[kind] ?? kind;

export const modeLabel = (mode: 'immediate' | 'daily' | 'never'): string =>
	({
		immediate: m.email_mode_immediate(),
		daily: m.email_mode_daily(),
		never: m.email_mode_never()
	})[mode];

export const statusLabel = (status: string): string =>
	({
		queued: m.email_status_queued(),
		kept: m.email_status_kept(),
		sending: m.email_status_sending(),
		sent: m.email_status_sent(),
		failed: m.email_status_failed()
	})[status] ?? status;
