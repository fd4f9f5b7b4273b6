import { m } from '$lib/paraglide/messages';
import type { EmailKind } from './kinds';

// What a message says, in the recipient's language, as plain text and as HTML. Everything shown
// comes from a notice the producer has already checked the recipient may see (email/notices.ts);
// the HTML escapes every value, and carries no script, image or remote resource.

export type Locale = 'pl' | 'en';

/** A notification with what its message shows. */
export interface Notice {
	notificationId: number;
	kind: EmailKind;
	/** Null for a cycle reminder, which names its cycle instead (and its title as the card's). */
	cardId: number | null;
	cardTitle: string;
	boardId: number | null;
	boardTitle: string;
	/** A reporting cycle's reminder: the cycle, and the organisation it is for. */
	cycle: CycleNotice | null;
	strategyTitle: string;
	organizationName: string | null;
	/** A card given to the recipient's organisation as a partner: that organisation. */
	partnerOrganizationName: string | null;
	actorName: string | null;
	/** A mention's comment, its start; null when deleted. */
	excerpt: string | null;
	returnReason: string | null;
	reportId: number | null;
	dueDate: string | null;
	/** The due date was before the day the notice was made. */
	overdue: boolean;
}

export interface CycleNotice {
	id: number;
	title: string;
	deadline: string;
	slug: string;
	organizationId: number;
	organizationName: string;
	/** Cards still to report on when the reminder was written. */
	outstanding: number;
}

export interface Links {
	/** The app's public address, no trailing slash. */
	origin: string;
	preferences: string;
	unsubscribe: string;
}

export interface Rendered {
	subject: string;
	text: string;
	html: string;
}

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

function day(date: string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${date}T00:00:00Z`));
}

/** The exact place: the card, or its reports where a report is what it is about. */
export function noticeUrl(n: Notice, origin: string): string {
	if (n.cycle)
		return `${origin}/strategies/${n.cycle.slug}/cycles/${n.cycle.id}?organization=${n.cycle.organizationId}`;
	const card = `${origin}/boards/${n.boardId}/cards/${n.cardId}`;
	return n.reportId ? `${card}/reports#reports-title` : card;
}

function subjectOf(n: Notice, locale: Locale): string {
	const o = { locale };
	const card = n.cardTitle;
	const who = n.actorName ?? m.comment_former_user({}, o);
	switch (n.kind) {
		case 'mentioned':
			return m.email_mentioned_subject({ who, card }, o);
		case 'assigned':
			return m.email_assigned_subject({ card }, o);
		case 'org_assigned':
			return m.email_org_assigned_subject(
				{ card, organization: n.partnerOrganizationName ?? n.organizationName ?? '' },
				o
			);
		case 'report_submitted':
			return m.email_report_submitted_subject({ card }, o);
		case 'report_returned':
			return m.email_report_returned_subject({ card }, o);
		case 'report_accepted':
			return m.email_report_accepted_subject({ card }, o);
		case 'cycle_reminder':
			return m.email_cycle_reminder_subject(
				{ cycle: n.cycle?.title ?? '', date: n.cycle ? day(n.cycle.deadline, locale) : '' },
				o
			);
		case 'due': {
			const date = n.dueDate ? day(n.dueDate, locale) : '';
			return n.overdue
				? m.email_overdue_subject({ card, date }, o)
				: m.email_due_subject({ card, date }, o);
		}
	}
}

function leadOf(n: Notice, locale: Locale): string {
	const o = { locale };
	const card = n.cardTitle;
	const who = n.actorName ?? m.comment_former_user({}, o);
	switch (n.kind) {
		case 'mentioned':
			return m.email_mentioned_lead({ who, card }, o);
		case 'assigned':
			return m.email_assigned_lead({ who, card }, o);
		case 'org_assigned':
			return n.partnerOrganizationName
				? m.email_org_assigned_partner({ who, card, organization: n.partnerOrganizationName }, o)
				: m.email_org_assigned_lead({ who, card, organization: n.organizationName ?? '' }, o);
		case 'report_submitted':
			return m.email_report_submitted_lead({ who, card }, o);
		case 'report_returned':
			return m.email_report_returned_lead({ who, card }, o);
		case 'report_accepted':
			return m.email_report_accepted_lead({ who, card }, o);
		case 'cycle_reminder':
			return m.email_cycle_reminder_lead(
				{
					cycle: n.cycle?.title ?? '',
					organization: n.cycle?.organizationName ?? '',
					count: n.cycle?.outstanding ?? 0,
					date: n.cycle ? day(n.cycle.deadline, locale) : ''
				},
				o
			);
		case 'due': {
			const date = n.dueDate ? day(n.dueDate, locale) : '';
			return n.overdue
				? m.email_overdue_lead({ card, date }, o)
				: m.email_due_lead({ card, date }, o);
		}
	}
}

/** A notice's own lines: what happened, the quote or reason, where. */
function noticeParts(n: Notice, locale: Locale) {
	const o = { locale };
	const quote =
		n.kind === 'mentioned' && n.excerpt
			? n.excerpt
			: n.kind === 'report_returned' && n.returnReason
				? m.email_report_reason({ reason: n.returnReason }, o)
				: null;
	const context = (
		n.cycle
			? [
					[m.email_context_strategy({}, o), n.strategyTitle],
					[m.email_context_organization({}, o), n.cycle.organizationName]
				]
			: [
					[m.email_context_strategy({}, o), n.strategyTitle],
					[m.email_context_board({}, o), n.boardTitle],
					...(n.organizationName ? [[m.email_context_organization({}, o), n.organizationName]] : [])
				]
	) as [string, string][];
	const open = n.cycle
		? m.email_open_cycle({}, o)
		: n.reportId
			? m.email_open_report({}, o)
			: m.email_open_card({}, o);
	return { lead: leadOf(n, locale), quote, context, open };
}

function footer(locale: Locale, links: Links) {
	const o = { locale };
	return {
		text: [
			'-- ',
			m.email_footer_why({}, o),
			`${m.email_footer_preferences({}, o)}: ${links.preferences}`,
			`${m.email_footer_unsubscribe({}, o)}: ${links.unsubscribe}`
		].join('\n'),
		html: `<p style="margin:24px 0 0;padding-top:12px;border-top:1px solid #d4d4d8;color:#52525b;font-size:13px">${escapeHtml(m.email_footer_why({}, o))}<br><a href="${escapeHtml(links.preferences)}" style="color:#1d4ed8">${escapeHtml(m.email_footer_preferences({}, o))}</a> · <a href="${escapeHtml(links.unsubscribe)}" style="color:#1d4ed8">${escapeHtml(m.email_footer_unsubscribe({}, o))}</a></p>`
	};
}

function page(locale: Locale, title: string, body: string): string {
	return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head><body style="margin:0;padding:24px;background:#f4f4f5;font-family:Inter,Segoe UI,Arial,sans-serif;color:#18181b;line-height:1.5"><div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;padding:24px">${body}</div></body></html>`;
}

function noticeText(n: Notice, locale: Locale, origin: string): string {
	const p = noticeParts(n, locale);
	return [
		p.lead,
		...(p.quote ? ['', `> ${p.quote.replace(/\n/g, '\n> ')}`] : []),
		'',
		...p.context.map(([k, v]) => `${k}: ${v}`),
		`${p.open}: ${noticeUrl(n, origin)}`
	].join('\n');
}

function noticeHtml(n: Notice, locale: Locale, origin: string): string {
	const p = noticeParts(n, locale);
	const quote = p.quote
		? `<blockquote style="margin:12px 0;padding:8px 12px;border-left:3px solid #a1a1aa;color:#3f3f46;white-space:pre-wrap">${escapeHtml(p.quote)}</blockquote>`
		: '';
	const context = p.context
		.map(([k, v]) => `${escapeHtml(k)}: <strong>${escapeHtml(v)}</strong>`)
		.join('<br>');
	return `<p style="margin:0 0 8px">${escapeHtml(p.lead)}</p>${quote}<p style="margin:8px 0;color:#3f3f46;font-size:14px">${context}</p><p style="margin:12px 0 0"><a href="${escapeHtml(noticeUrl(n, origin))}" style="display:inline-block;padding:8px 14px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(p.open)}</a></p>`;
}

/** One notification's own message. */
export function renderNotice(n: Notice, locale: Locale, links: Links): Rendered {
	const subject = subjectOf(n, locale);
	const f = footer(locale, links);
	return {
		subject,
		text: `${noticeText(n, locale, links.origin)}\n\n${f.text}\n`,
		html: page(locale, subject, noticeHtml(n, locale, links.origin) + f.html)
	};
}

/** The day's digest: every notice, grouped by board (boards in the order of their first notice). */
export function renderDigest(notices: readonly Notice[], locale: Locale, links: Links): Rendered {
	const o = { locale };
	const subject = m.email_digest_subject({ count: notices.length }, o);
	// A cycle's reminders are grouped by their cycle, as a card's notices by their board.
	const boards = new Map<string, Notice[]>();
	const group = (n: Notice) => (n.cycle ? `cycle:${n.cycle.id}` : `board:${n.boardId}`);
	for (const n of notices) boards.set(group(n), [...(boards.get(group(n)) ?? []), n]);
	const groups = [...boards.values()];
	const f = footer(locale, links);
	const text = [
		m.email_digest_lead({}, o),
		...groups.flatMap((g) => [
			'',
			`== ${g[0]!.boardTitle} (${g[0]!.strategyTitle}) ==`,
			...g.flatMap((n) => ['', noticeText(n, locale, links.origin)])
		]),
		'',
		f.text,
		''
	].join('\n');
	const html = page(
		locale,
		subject,
		`<p style="margin:0 0 8px">${escapeHtml(m.email_digest_lead({}, o))}</p>` +
			groups
				.map(
					(g) =>
						`<h2 style="margin:24px 0 8px;font-size:18px">${escapeHtml(g[0]!.boardTitle)}</h2>` +
						g
							.map(
								(n) =>
									`<div style="margin:0 0 12px;padding:12px;border:1px solid #e4e4e7;border-radius:6px">${noticeHtml(n, locale, links.origin)}</div>`
							)
							.join('')
				)
				.join('') +
			f.html
	);
	return { subject, text, html };
}
