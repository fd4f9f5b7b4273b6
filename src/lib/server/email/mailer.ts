import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db';
import { env } from '../env';
import { produceDigests, produceEmails, type MailSettings } from './producer';
import { sendDueEmails } from './sender';

// E-mail as the app's jobs run it (jobs/scheduler.ts), configured from the environment: SMTP_URL
// (smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start),
// MAIL_FROM, DIGEST_HOUR, and ORIGIN for the links. Without SMTP_URL nothing is sent: messages are
// written as 'kept', for an administrator to read at /admin/outbox.

export function mailSettings(): MailSettings {
	const e = env();
	return {
		origin: (e.ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
		deliver: !!e.SMTP_URL,
		digestHour: e.DIGEST_HOUR
	};
}

/** A transport for an smtp:// or smtps:// URL, with timeouts well inside the sender's lease. */
export function smtpTransport(url: string): Transporter {
	return nodemailer.createTransport({
		url,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	});
}

let transport: Transporter | undefined;

/** Writes the new notifications' messages, then sends what is due. */
export async function runOutbox(db: Db, now = new Date()) {
	const settings = mailSettings();
	await produceEmails(db, settings, now);
	const url = env().SMTP_URL;
	if (!url) return;
	transport ??= smtpTransport(url);
	await sendDueEmails(db, { transport, from: env().MAIL_FROM, now });
}

/** The daily digests, once their hour has come. */
export function runDigests(db: Db, now = new Date()) {
	return produceDigests(db, mailSettings(), now);
}
