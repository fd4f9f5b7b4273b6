import type { Db } from '../db';
import type { EmailMode } from '../db/schema';
import { DEFAULT_MODE, type EmailKind } from './kinds';
import {
	claimDigestNotifications,
	claimNewNotifications,
	insertMessage,
	messageExists,
	peopleWithDigest,
	setEmailState
} from './outbox-repository';
import {
	loadNotices,
	preferencesOf,
	visibleToRecipients,
	type NoticeRow
} from './notices-repository';
import { renderDigest, renderNotice, type Links, type Notice, type Rendered } from './render';
import { emailSecret, signUnsubscribe, type UnsubscribeScope } from './token';

// The outbox's producer: a consumer of committed notifications. A notification is written in the
// transaction of the change it is about, with e-mail state null; this job takes those rows (locked,
// skipping any another instance holds), writes each one's message or marks it for the digest, and
// sets the state in the same transaction. A row is therefore looked at once, and one committed late
// (after a higher id) is still found: nothing is skipped, nothing is produced twice. A message's
// `source` is unique as well, for good measure.

export interface MailSettings {
	/** The app's public address, e.g. https://tablice.torun.pl (no trailing slash). */
	origin: string;
	/** Whether messages go to a mail server; without one they are kept for /admin/outbox. */
	deliver: boolean;
	/** The hour (Europe/Warsaw) the digest goes out. */
	digestHour: number;
}

const BATCH = 100;
const ZONE = 'Europe/Warsaw';

/** The date (YYYY-MM-DD) and hour at `now` in Warsaw. */
export function warsawClock(now: Date): { date: string; hour: number } {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(now);
	const get = (type: string) => parts.find((p) => p.type === type)!.value;
	return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

function linksFor(settings: MailSettings, secret: string, userId: number, scope: UnsubscribeScope) {
	const token = signUnsubscribe(secret, userId, scope);
	return {
		origin: settings.origin,
		preferences: `${settings.origin}/account/email`,
		unsubscribe: `${settings.origin}/email/unsubscribe?t=${encodeURIComponent(token)}`
	} satisfies Links;
}

function message(
	settings: MailSettings,
	source: string,
	kind: string,
	to: NoticeRow['recipient'],
	links: Links,
	rendered: Rendered,
	now: Date
) {
	const host = new URL(settings.origin).hostname || 'localhost';
	return {
		source,
		userId: to.userId,
		address: to.email,
		locale: to.locale,
		kind,
		...rendered,
		// RFC 8058: a mail client's one-click unsubscribe POSTs to this address, no session needed.
		// The Message-ID follows the source, so a message sent twice (see sender.ts) is one to a
		// receiver that deduplicates.
		headers: JSON.stringify({
			'List-Unsubscribe': `<${links.unsubscribe}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
			'Message-ID': `<${source.replace(/:/g, '.')}@${host}>`
		}),
		status: settings.deliver ? ('queued' as const) : ('kept' as const),
		nextAttemptAt: now,
		createdAt: now
	};
}

const modeOf = (prefs: Map<string, EmailMode>, userId: number, kind: EmailKind) =>
	prefs.get(`${userId}:${kind}`) ?? DEFAULT_MODE[kind];

/** Turns every new notification into its message, a digest entry, or nothing. */
export async function produceEmails(
	db: Db,
	settings: MailSettings,
	now: Date = new Date()
): Promise<number> {
	const secret = await emailSecret(db);
	const today = warsawClock(now).date;
	let written = 0;
	for (;;) {
		const done = await db.transaction().execute(async (trx) => {
			const batch = await claimNewNotifications(trx, BATCH);
			if (batch.length === 0) return true;
			const ids = batch.map((r) => r.id);
			const rows = await loadNotices(trx, ids, today);
			const seen = await visibleToRecipients(trx, rows);
			const prefs = await preferencesOf(trx, [...new Set(rows.map((r) => r.recipient.userId))]);
			const state = new Map<number, 'queued' | 'digest' | 'skipped'>(
				ids.map((id) => [id, 'skipped'])
			);
			for (const row of rows) {
				const { notice, recipient } = row;
				if (!recipient.enabled || !seen.has(notice.notificationId)) continue;
				const mode = modeOf(prefs, recipient.userId, notice.kind);
				if (mode === 'never') continue;
				if (mode === 'daily') {
					state.set(notice.notificationId, 'digest');
					continue;
				}
				const links = linksFor(settings, secret, recipient.userId, notice.kind);
				const rendered = renderNotice(notice, recipient.locale, links);
				const source = `notification:${notice.notificationId}`;
				written += await insertMessage(
					trx,
					message(settings, source, notice.kind, recipient, links, rendered, now)
				);
				state.set(notice.notificationId, 'queued');
			}
			for (const value of ['queued', 'digest', 'skipped'] as const)
				await setEmailState(
					trx,
					ids.filter((id) => state.get(id) === value),
					value
				);
			return batch.length < BATCH;
		});
		if (done) return written;
	}
}

/**
 * Once a day, from the digest hour on (Warsaw time), one message per person with everything
 * waiting for their digest, grouped by board. The source `digest:<person>:<day>` makes it one a
 * day however many instances run this; what arrives after it waits for the next day's.
 */
export async function produceDigests(
	db: Db,
	settings: MailSettings,
	now: Date = new Date()
): Promise<number> {
	const clock = warsawClock(now);
	if (clock.hour < settings.digestHour) return 0;
	const secret = await emailSecret(db);
	const people = await peopleWithDigest(db);
	let written = 0;
	for (const { userId } of people) {
		const source = `digest:${userId}:${clock.date}`;
		written += await db.transaction().execute(async (trx) => {
			if (await messageExists(trx, source)) return 0;
			const waiting = await claimDigestNotifications(trx, userId);
			if (waiting.length === 0) return 0;
			const ids = waiting.map((r) => r.id);
			const rows = await loadNotices(trx, ids, clock.date);
			const seen = await visibleToRecipients(trx, rows);
			const prefs = await preferencesOf(trx, [userId]);
			// Chosen "never" since it was put aside: left out.
			const kept = rows.filter(
				(r) =>
					r.recipient.enabled &&
					seen.has(r.notice.notificationId) &&
					modeOf(prefs, userId, r.notice.kind) !== 'never'
			);
			await setEmailState(trx, ids, 'skipped');
			if (kept.length === 0) return 0;
			const notices: Notice[] = kept.map((r) => r.notice);
			const recipient = kept[0]!.recipient;
			const links = linksFor(settings, secret, userId, 'digest');
			const rendered = renderDigest(notices, recipient.locale, links);
			const inserted = await insertMessage(
				trx,
				message(settings, source, 'digest', recipient, links, rendered, now)
			);
			if (inserted === 0) throw new Error(`Digest ${source} was written meanwhile.`);
			await setEmailState(
				trx,
				kept.map((r) => r.notice.notificationId),
				'digested'
			);
			return 1;
		});
	}
	return written;
}
