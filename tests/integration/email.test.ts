import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportSchema, reviewSchema } from '../../src/lib/schemas/monitoring';
import type { Actor } from '../../src/lib/server/auth/policy';
import { setAssignees, setOrganizations } from '../../src/lib/server/cards/people';
import { addComment } from '../../src/lib/server/comments/service';
import { smtpTransport } from '../../src/lib/server/email/mailer';
import {
	produceDigests,
	produceEmails,
	type MailSettings
} from '../../src/lib/server/email/producer';
import { backoffMs, sendDueEmails } from '../../src/lib/server/email/sender';
import {
	getOutboxMessage,
	getPreferences,
	listOutbox,
	savePreferences,
	unsubscribe
} from '../../src/lib/server/email/service';
import { emailSecret, signUnsubscribe } from '../../src/lib/server/email/token';
import { NotFoundError } from '../../src/lib/server/errors';
import { sweepDueNotifications } from '../../src/lib/server/notifications/due';
import { reviewReport, saveReport, submitReport } from '../../src/lib/server/reports/service';
import { erasePerson } from '../../src/lib/server/users/personal-data';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// E-mail end to end: services write notifications, the producer turns them into messages, the
// sender hands them to a real SMTP server started here, and what that server received is parsed
// as a mail client would. The clock is passed in, so back-off and the digest hour need no waiting.

const ORIGIN = 'https://tablice.example';
const settings: MailSettings = { origin: ORIGIN, deliver: true, digestHour: 7 };
const FROM = 'Tablice <tablice@torun.example>';
/** 10:00 in Warsaw (09:00 UTC in winter): past the digest hour. */
const MORNING = new Date('2026-12-07T09:00:00Z');

let t: TestDatabase;
const received: ParsedMail[] = [];
let port = 0;
let smtp: SMTPServer | null = null;

/** A real SMTP server on 127.0.0.1; addresses starting with "nobody" get 550 (no such mailbox). */
function startSmtp(at = 0): Promise<number> {
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, done) {
			if (address.address.startsWith('nobody'))
				return done(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
			done();
		},
		onData(stream, _session, done) {
			simpleParser(stream).then(
				(mail) => {
					received.push(mail);
					done();
				},
				(error: Error) => done(error)
			);
		}
	});
	smtp = server;
	return new Promise((resolve) =>
		server.listen(at, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))
	);
}

function stopSmtp(): Promise<void> {
	const server = smtp;
	smtp = null;
	return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

const transport = () => smtpTransport(`smtp://127.0.0.1:${port}`);
const send = (now = MORNING) => sendDueEmails(t.db, { transport: transport(), from: FROM, now });
const produce = (now = MORNING) => produceEmails(t.db, settings, now);
const mailsTo = (address: string) =>
	received.filter((mail) => mail.to && 'text' in mail.to && mail.to.text.includes(address));

const listHeaders = (mail: ParsedMail) =>
	mail.headers.get('list') as {
		unsubscribe: { url: string };
		'unsubscribe-post': { name: string };
	};

async function emailOf(actor: Actor) {
	const row = await t.db
		.selectFrom('user')
		.select('email')
		.where('id', '=', actor.id)
		.executeTakeFirstOrThrow();
	return row.email;
}

const w = {} as {
	dept: { id: number; name: string };
	ngo: { id: number; name: string };
	board: Awaited<ReturnType<typeof makeBoard>>;
	board2: Awaited<ReturnType<typeof makeBoard>>;
	card: { id: number };
	card2: { id: number };
	manager: Actor;
	pl: Actor;
	en: Actor;
	author: Actor;
	ngoManager: Actor;
	outsider: Actor;
	admin: Actor;
	nobody: Actor;
};

beforeAll(async () => {
	t = await createTestDatabase();
	port = await startSmtp();
	const s = await makeStrategy(t.db);
	w.dept = await makeOrg(t.db, 'city_department');
	w.ngo = await makeOrg(t.db, 'ngo');
	const other = await makeOrg(t.db, 'ngo');
	w.board = await makeBoard(t.db, w.dept.id, s.id);
	w.board2 = await makeBoard(t.db, w.dept.id, s.id);
	w.card = await makeCard(t.db, w.board, w.board.columns[0], w.dept.id, [w.ngo.id], {
		title: 'Rowerowy Toruń'
	});
	w.card2 = await makeCard(t.db, w.board2, w.board2.columns[0], w.dept.id, [], {
		title: 'Zielone podwórka'
	});
	w.manager = await makePerson(t.db, 'member', [[w.dept.id, 'manager']]);
	w.pl = await makePerson(t.db, 'member', [[w.dept.id, 'member']]);
	w.en = await makePerson(t.db, 'member', [[w.dept.id, 'member']]);
	w.author = await makePerson(t.db, 'member', [[w.ngo.id, 'member']]);
	w.ngoManager = await makePerson(t.db, 'member', [[w.ngo.id, 'manager']]);
	w.outsider = await makePerson(t.db, 'member', [[other.id, 'manager']]);
	w.admin = await makePerson(t.db, 'admin');
	w.nobody = await makePerson(t.db, 'member', [[w.dept.id, 'member']]);
	await t.db.updateTable('user').set({ locale: 'en' }).where('id', '=', w.en.id).execute();
	await t.db
		.updateTable('user')
		.set({ email: `nobody-${w.nobody.id}@example.test` })
		.where('id', '=', w.nobody.id)
		.execute();
});

afterAll(async () => {
	await stopSmtp();
	await t.destroy();
});

beforeEach(async () => {
	// Whatever earlier tests left is produced and sent first, so each test sees only its own.
	await produce();
	await send();
	received.length = 0;
});

const mention = (by: Actor, who: Actor, cardId = w.card.id, text = 'Proszę spojrzeć') =>
	addComment(t.db, by, cardId, { body: `${text} @[Osoba](user:${who.id})` });

describe('a message per notification', () => {
	it('mails a mention once, in the recipient’s language, with the link and one-click unsubscribe', async () => {
		await mention(w.manager, w.pl);
		await mention(w.manager, w.en);
		expect(await produce()).toBeGreaterThanOrEqual(2);
		expect((await send()).sent).toBeGreaterThanOrEqual(2);

		const [pl] = mailsTo(await emailOf(w.pl));
		expect(mailsTo(await emailOf(w.pl))).toHaveLength(1);
		expect(pl!.subject).toMatch(/wspomina o Tobie: Rowerowy Toruń/);
		const link = `${ORIGIN}/boards/${w.board.id}/cards/${w.card.id}`;
		expect(pl!.text).toContain(link);
		expect(pl!.text).toContain('Proszę spojrzeć @Osoba');
		expect(pl!.text).toContain(w.dept.name);
		expect(pl!.html).toContain(`href="${link}"`);
		expect(pl!.from?.text).toContain('tablice@torun.example');
		// mailparser reads the List-* headers (RFC 2369, RFC 8058) into one `list` entry.
		const list = listHeaders(pl!);
		expect(list.unsubscribe.url).toMatch(`${ORIGIN}/email/unsubscribe?t=`);
		expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
		expect(pl!.messageId).toMatch(/^<notification\.\d+@tablice\.example>$/);

		const [en] = mailsTo(await emailOf(w.en));
		expect(en!.subject).toMatch(/mentioned you: Rowerowy Toruń/);
		expect(en!.text).toContain('Open the card');
	});

	it('mails an assignment and a returned report with its reason, to the exact report', async () => {
		const { version } = await t.db
			.selectFrom('card')
			.select('version')
			.where('id', '=', w.card.id)
			.executeTakeFirstOrThrow();
		await setAssignees(t.db, w.manager, w.card.id, { version, userIds: [w.pl.id] });

		const report = await saveReport(
			t.db,
			w.author,
			w.card.id,
			reportSchema.parse({
				organizationId: String(w.ngo.id),
				periodStart: '2026-10-01',
				periodEnd: '2026-10-31',
				summary: 'Warsztaty rowerowe'
			})
		);
		await submitReport(t.db, w.author, w.card.id, { reportId: report.id });
		const { version: rv } = await t.db
			.selectFrom('activityReport')
			.select('version')
			.where('id', '=', report.id)
			.executeTakeFirstOrThrow();
		await reviewReport(
			t.db,
			w.manager,
			w.card.id,
			reviewSchema.parse({
				reportId: String(report.id),
				version: String(rv),
				decision: 'return',
				reason: 'Proszę dodać listę obecności'
			})
		);
		await produce();
		await send();

		const assigned = mailsTo(await emailOf(w.pl));
		expect(assigned).toHaveLength(1);
		expect(assigned[0]!.subject).toBe('Przypisanie do karty: Rowerowy Toruń');

		// The reviewer heard of the submission; the author of the return, with the reason.
		expect(mailsTo(await emailOf(w.manager)).map((m) => m.subject)).toEqual([
			'Sprawozdanie do oceny: Rowerowy Toruń'
		]);
		const returned = mailsTo(await emailOf(w.author));
		expect(returned).toHaveLength(1);
		expect(returned[0]!.subject).toBe('Sprawozdanie zwrócone: Rowerowy Toruń');
		expect(returned[0]!.text).toContain('Powód: Proszę dodać listę obecności');
		expect(returned[0]!.text).toContain(
			`${ORIGIN}/boards/${w.board.id}/cards/${w.card.id}/reports#reports-title`
		);
	});

	it('tells an organisation’s managers that a card was given to it', async () => {
		const { version } = await t.db
			.selectFrom('card')
			.select('version')
			.where('id', '=', w.card2.id)
			.executeTakeFirstOrThrow();
		await setOrganizations(t.db, w.manager, w.card2.id, {
			version,
			leadId: w.ngo.id,
			partnerIds: [w.dept.id]
		});
		await produce();
		await send();
		const mails = mailsTo(await emailOf(w.ngoManager));
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe(`Karta powierzona (${w.ngo.name}): Zielone podwórka`);
		expect(mails[0]!.text).toContain(`${ORIGIN}/boards/${w.board2.id}/cards/${w.card2.id}`);
		// Only the new lead's managers: the member who reports for it hears nothing.
		expect(mailsTo(await emailOf(w.author))).toHaveLength(0);

		// A new partner's managers hear of it too, as a partner; those already on the card do not.
		const partner = await makeOrg(t.db, 'ngo');
		const partnerManager = await makePerson(t.db, 'member', [[partner.id, 'manager']]);
		const now = await t.db
			.selectFrom('card')
			.select('version')
			.where('id', '=', w.card2.id)
			.executeTakeFirstOrThrow();
		await setOrganizations(t.db, w.manager, w.card2.id, {
			version: now.version,
			leadId: w.ngo.id,
			partnerIds: [w.dept.id, partner.id]
		});
		await produce();
		await send();
		const told = mailsTo(await emailOf(partnerManager));
		expect(told).toHaveLength(1);
		expect(told[0]!.subject).toBe(`Karta powierzona (${partner.name}): Zielone podwórka`);
		expect(told[0]!.text).toContain(
			`dodaje ${partner.name} jako partnera karty „Zielone podwórka”`
		);
		expect(mailsTo(await emailOf(w.ngoManager))).toHaveLength(1);
	});

	it('produces and sends nothing new when run again', async () => {
		await mention(w.manager, w.pl);
		expect(await produce()).toBe(1);
		expect((await send()).sent).toBe(1);
		expect(await produce()).toBe(0);
		expect(await send()).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(mailsTo(await emailOf(w.pl))).toHaveLength(1);
	});

	it('never names a card to someone who may no longer see it', async () => {
		await mention(w.manager, w.pl);
		// pl leaves the department before the producer runs.
		await t.db.deleteFrom('membership').where('userId', '=', w.pl.id).execute();
		await produce();
		await send();
		expect(mailsTo(await emailOf(w.pl))).toHaveLength(0);
		await t.db
			.insertInto('membership')
			.values({ userId: w.pl.id, organizationId: w.dept.id, role: 'member' })
			.execute();
	});
});

describe('preferences', () => {
	it('sends nothing for a kind set to never', async () => {
		await savePreferences(t.db, w.en, {
			...(await getPreferences(t.db, w.en.id)),
			mentioned: 'never'
		});
		await mention(w.manager, w.en);
		await produce();
		await send();
		expect(mailsTo(await emailOf(w.en))).toHaveLength(0);
		await savePreferences(t.db, w.en, {
			...(await getPreferences(t.db, w.en.id)),
			mentioned: 'immediate'
		});
	});

	it('gathers a day of many notifications into one digest, grouped by board, at its hour', async () => {
		await savePreferences(t.db, w.pl, {
			...(await getPreferences(t.db, w.pl.id)),
			mentioned: 'daily'
		});
		for (let i = 0; i < 6; i++) await mention(w.manager, w.pl, w.card.id, `Pierwsza ${i}`);
		for (let i = 0; i < 4; i++) await mention(w.manager, w.pl, w.card2.id, `Druga ${i}`);
		expect(await produce()).toBe(0);
		// 06:00 in Warsaw: before the hour, nothing.
		expect(await produceDigests(t.db, settings, new Date('2026-12-07T05:00:00Z'))).toBe(0);
		expect(await produceDigests(t.db, settings, MORNING)).toBeGreaterThanOrEqual(1);
		// Again the same day: nothing more.
		expect(await produceDigests(t.db, settings, MORNING)).toBe(0);
		await send();
		const mails = mailsTo(await emailOf(w.pl));
		expect(mails).toHaveLength(1);
		const digest = mails[0]!;
		expect(digest.subject).toBe('Podsumowanie dnia: 10 powiadomień');
		for (let i = 0; i < 6; i++) expect(digest.text).toContain(`Pierwsza ${i}`);
		for (let i = 0; i < 4; i++) expect(digest.text).toContain(`Druga ${i}`);
		// Grouped: each board's heading once, its notices under it.
		const text = digest.text!;
		const first = text.indexOf('Pierwsza 0');
		const second = text.indexOf('Druga 0');
		const secondBoard = text.lastIndexOf('== ', second);
		expect(first).toBeLessThan(secondBoard);
		expect(text.match(/^== /gm)).toHaveLength(2);
		expect(listHeaders(digest).unsubscribe.url).toContain('/email/unsubscribe?t=');
		await savePreferences(t.db, w.pl, {
			...(await getPreferences(t.db, w.pl.id)),
			mentioned: 'immediate'
		});
	});
});

describe('due dates', () => {
	it('puts a card falling due into the morning digest by default, in English for an English reader', async () => {
		const card = await makeCard(t.db, w.board, w.board.columns[1], w.dept.id, [], {
			title: 'Bike lanes'
		});
		await t.db
			.updateTable('card')
			.set({ dueDate: '2026-12-08' })
			.where('id', '=', card.id)
			.execute();
		await t.db.insertInto('cardAssignee').values({ cardId: card.id, userId: w.en.id }).execute();
		expect(await sweepDueNotifications(t.db, '2026-12-07')).toBeGreaterThan(0);
		expect(await produce()).toBe(0);
		await produceDigests(t.db, settings, MORNING);
		await send();
		const mails = mailsTo(await emailOf(w.en));
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('Daily summary: 1 notification');
		expect(mails[0]!.text).toContain('The card “Bike lanes” is due on 8 December 2026.');
		expect(mails[0]!.text).toContain(`${ORIGIN}/boards/${w.board.id}/cards/${card.id}`);
	});
});

describe('delivery', () => {
	it('keeps messages while the SMTP server is down and delivers each once when it is back', async () => {
		await stopSmtp();
		await mention(w.manager, w.pl, w.card.id, 'Awaria');
		await mention(w.manager, w.en, w.card.id, 'Awaria');
		await produce();
		const first = await send();
		expect(first).toMatchObject({ sent: 0, retried: 2 });
		const waiting = await t.db
			.selectFrom('emailMessage')
			.selectAll()
			.where('status', '=', 'queued')
			.execute();
		expect(waiting).toHaveLength(2);
		for (const msg of waiting) {
			expect(msg.attempts).toBe(1);
			expect(msg.lastError).toBeTruthy();
			expect(msg.nextAttemptAt.getTime()).toBe(MORNING.getTime() + backoffMs(1));
		}
		// Not yet time: nothing is tried.
		expect(await send(new Date(MORNING.getTime() + 30_000))).toEqual({
			sent: 0,
			retried: 0,
			failed: 0
		});
		// Down for the second attempt too: the pause grows.
		const later = new Date(MORNING.getTime() + backoffMs(1));
		expect((await send(later)).retried).toBe(2);
		expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));

		port = await startSmtp(port);
		const back = new Date(later.getTime() + backoffMs(2));
		expect((await send(back)).sent).toBe(2);
		expect(await send(new Date(back.getTime() + 3600_000))).toEqual({
			sent: 0,
			retried: 0,
			failed: 0
		});
		expect(mailsTo(await emailOf(w.pl))).toHaveLength(1);
		expect(mailsTo(await emailOf(w.en))).toHaveLength(1);
	});

	it('upgrades an smtp:// connection with STARTTLS when the server offers it', async () => {
		const upgraded: boolean[] = [];
		// smtp-server offers STARTTLS with its own self-signed certificate, hence the URL's option.
		const tlsServer = new SMTPServer({
			authOptional: true,
			logger: false,
			onData(stream, session, done) {
				upgraded.push(session.secure);
				stream.resume();
				stream.on('end', () => done());
			}
		});
		const tlsPort = await new Promise<number>((resolve) =>
			tlsServer.listen(0, '127.0.0.1', () =>
				resolve((tlsServer.server.address() as AddressInfo).port)
			)
		);
		await mention(w.manager, w.pl, w.card.id, 'Przez TLS');
		await produce();
		const result = await sendDueEmails(t.db, {
			transport: smtpTransport(`smtp://127.0.0.1:${tlsPort}?tls.rejectUnauthorized=false`),
			from: FROM,
			now: MORNING
		});
		await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
		expect(result.sent).toBe(1);
		expect(upgraded).toEqual([true]);
	});

	it('records a refused address as failed, with the server’s answer, and does not retry it', async () => {
		await mention(w.manager, w.nobody);
		await produce();
		expect(await send()).toMatchObject({ failed: 1 });
		const row = await t.db
			.selectFrom('emailMessage')
			.selectAll()
			.where('userId', '=', w.nobody.id)
			.executeTakeFirstOrThrow();
		expect(row.status).toBe('failed');
		expect(row.attempts).toBe(1);
		expect(row.lastError).toMatch(/550/);
		expect(await send(new Date(MORNING.getTime() + 7 * 86400_000))).toMatchObject({ failed: 0 });
		const again = await getOutboxMessage(t.db, w.admin, row.id);
		expect(again.attempts).toBe(1);
		expect(received).toHaveLength(0);
	});

	it('sends again a message whose sender died mid-lease, under the same Message-ID', async () => {
		await mention(w.manager, w.pl, w.card.id, 'Po awarii');
		await produce();
		// A sender claimed it and died: the row stays 'sending' with its lease.
		await t.db
			.updateTable('emailMessage')
			.set({ status: 'sending', leaseUntil: new Date(MORNING.getTime() + 60_000), attempts: 1 })
			.where('status', '=', 'queued')
			.execute();
		expect((await send()).sent).toBe(0);
		expect((await send(new Date(MORNING.getTime() + 61_000))).sent).toBe(1);
		expect(mailsTo(await emailOf(w.pl))).toHaveLength(1);
	});
});

describe('unsubscribe and the outbox', () => {
	it('one click with the signed token sets that kind to never; a forged token changes nothing', async () => {
		const secret = await emailSecret(t.db);
		const before = await getPreferences(t.db, w.en.id);
		expect(before.assigned).toBe('immediate');
		const good = signUnsubscribe(secret, w.en.id, 'assigned');
		// Another person's id under this signature, another kind, another key: all refused.
		const forged = [
			good.replace(`${w.en.id}.`, `${w.pl.id}.`),
			good.replace('.assigned.', '.mentioned.'),
			signUnsubscribe('not-the-secret', w.en.id, 'assigned'),
			`${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`,
			'garbage'
		];
		for (const token of forged) expect(await unsubscribe(t.db, token)).toBe(false);
		expect(await getPreferences(t.db, w.en.id)).toEqual(before);
		expect(await getPreferences(t.db, w.pl.id)).toEqual(await getPreferences(t.db, w.pl.id));

		expect(await unsubscribe(t.db, good)).toBe(true);
		expect((await getPreferences(t.db, w.en.id)).assigned).toBe('never');
		expect((await getPreferences(t.db, w.en.id)).mentioned).toBe(before.mentioned);
	});

	it('shows the outbox to administrators only', async () => {
		await mention(w.manager, w.pl, w.card.id, 'Dla skrzynki');
		await produce();
		const rows = await listOutbox(t.db, w.admin);
		expect(rows.length).toBeGreaterThan(0);
		for (const actor of [w.manager, w.pl, w.outsider])
			await expect(listOutbox(t.db, actor)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getOutboxMessage(t.db, w.manager, rows[0]!.id)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('keeps messages without sending them when no mail server is configured', async () => {
		await mention(w.manager, w.pl, w.card.id, 'Bez serwera');
		await produceEmails(t.db, { ...settings, deliver: false }, MORNING);
		const kept = await t.db
			.selectFrom('emailMessage')
			.select('status')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(kept.status).toBe('kept');
		expect((await send()).sent).toBe(0);
		expect(received).toHaveLength(0);
	});

	it('erases a person’s messages and choices with the rest of their personal data', async () => {
		const messages = () =>
			t.db.selectFrom('emailMessage').select('id').where('userId', '=', w.nobody.id).execute();
		expect((await messages()).length).toBeGreaterThan(0);
		await erasePerson(t.db, w.admin, w.nobody.id);
		expect(await messages()).toEqual([]);
	});
});
