import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../src/lib/server/auth/login';
import type { Actor } from '../../../src/lib/server/auth/policy';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../../src/lib/server/auth/session';
import { listComments } from '../../../src/lib/server/comments/service';
import { ConflictError, NotFoundError } from '../../../src/lib/server/errors';
import { auditCsv, listAuditEvents } from '../../../src/lib/server/audit/service';
import { listEventsFor, recordEvent } from '../../../src/lib/server/events/repository';
import {
	erasePerson,
	exportPersonalData
} from '../../../src/lib/server/users/personal-data';
import {
	FAILED_EMAIL_DAYS,
	LOGIN_ATTEMPT_DAYS,
	READ_NOTIFICATION_DAYS,
	SENT_EMAIL_DAYS,
	sweepRetention,
	UNREAD_NOTIFICATION_DAYS
} from '../../../src/lib/server/retention';
import { createPerson, enablePerson } from '../../../src/lib/server/users/service';
import { makeBoard, makeCard, makeOrg, makeStrategy } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';
import { tableFingerprint } from './fingerprint';

// A person's data: the export holds everything about them and nothing about anyone else; the
// erasure pseudonymises or deletes all of it, leaves the audit log as it was (but for its own
// event), and only an administrator may do it, never to themself.

let t: TestDatabase;
let admin: Actor;
let coordinator: Actor;
let anna: Actor & { email: string };
let piotr: Actor & { email: string };
let cardId: number;
let orgId: number;
const PASSWORD = 'hasło-do-testu-1';

async function person(email: string, name: string, organizationId: number) {
	const p = await createPerson(t.db, admin, {
		email,
		name,
		role: 'member',
		password: PASSWORD,
		organizationId,
		membershipRole: 'member'
	});
	return { id: p.id, role: p.role, email };
}

/** One of each thing a person leaves behind, for `who`. */
async function traces(who: Actor, text: string, organizationId: number) {
	const comment = await t.db
		.insertInto('comment')
		.values({ cardId, authorId: who.id, body: `Komentarz: ${text}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db.insertInto('cardAssignee').values({ cardId, userId: who.id }).execute();
	await t.db
		.insertInto('notification')
		.values({ userId: who.id, type: 'commented', cardId, commentId: comment.id })
		.execute();
	await t.db
		.insertInto('activityReport')
		.values({
			cardId,
			organizationId,
			authorId: who.id,
			status: 'draft',
			periodStart: '2026-01-01',
			periodEnd: '2026-03-31',
			summary: `Sprawozdanie: ${text}`
		})
		.execute();
	await recordEvent(t.db, {
		actorId: who.id,
		type: 'comment.created',
		entityId: comment.id,
		cardId
	});
	await createSession(t.db, generateSessionToken(), who.id);
}

beforeAll(async () => {
	t = await createTestDatabase();
	const insert = (email: string, role: 'admin' | 'coordinator') =>
		t.db
			.insertInto('user')
			.values({ email, name: email, passwordHash: 'x', role })
			.returning(['id', 'role'])
			.executeTakeFirstOrThrow();
	admin = await insert('admin@example.test', 'admin');
	coordinator = await insert('coord@example.test', 'coordinator');
	const org = await makeOrg(t.db, 'ngo');
	orgId = org.id;
	const strategy = await makeStrategy(t.db);
	const board = await makeBoard(t.db, org.id, strategy.id);
	cardId = (await makeCard(t.db, board, board.columns[0], org.id)).id;
	anna = await person('anna.nowak@example.test', 'Anna Nowak', org.id);
	piotr = await person('piotr.kowal@example.test', 'Piotr Kowal', org.id);
	await traces(anna, 'Anny', org.id);
	await traces(piotr, 'Piotra', org.id);
	// A change of assignees names the people assigned in its payload.
	await recordEvent(t.db, {
		actorId: admin.id,
		type: 'card.assignees_changed',
		entityId: cardId,
		cardId,
		payload: {
			before: [],
			after: [
				{ id: anna.id, name: 'Anna Nowak' },
				{ id: piotr.id, name: 'Piotr Kowal' }
			]
		}
	});
	for (const who of [anna, piotr])
		await signIn(t.db, { email: who.email, password: 'złe-hasło-123', address: '10.0.0.9' });
});
afterAll(() => t.destroy());

describe('the export of a person’s data', () => {
	it('holds everything about them and nothing about anyone else', async () => {
		const data = await exportPersonalData(t.db, admin, anna.id);
		expect(data.account).toMatchObject({ id: anna.id, name: 'Anna Nowak', email: anna.email });
		expect(data.memberships).toEqual([
			expect.objectContaining({ organizationId: orgId, role: 'member' })
		]);
		expect(data.sessions.count).toBe(1);
		expect(data.comments.map((c) => c.body)).toEqual(['Komentarz: Anny']);
		expect(data.notifications).toHaveLength(1);
		expect(data.cardAssignments.map((a) => a.cardId)).toEqual([cardId]);
		expect(data.events.map((e) => e.type)).toEqual(['comment.created']);
		expect(data.failedSignIns).toEqual([
			expect.objectContaining({ address: '10.0.0.9' })
		]);
		const text = JSON.stringify(data);
		for (const secret of ['passwordHash', '$argon2', 'Piotr', 'Piotra', piotr.email, 'admin@'])
			expect(text).not.toContain(secret);
		const session = await t.db
			.selectFrom('session')
			.select('id')
			.where('userId', '=', anna.id)
			.executeTakeFirstOrThrow();
		expect(text).not.toContain(session.id);
	});

	it('is for administrators only', async () => {
		await expect(exportPersonalData(t.db, coordinator, anna.id)).rejects.toThrow(NotFoundError);
		await expect(exportPersonalData(t.db, anna, anna.id)).rejects.toThrow(NotFoundError);
		await expect(exportPersonalData(t.db, admin, 999_999)).rejects.toThrow(NotFoundError);
	});
});

describe('erasing a person', () => {
	it('is for administrators only, never for oneself, and then writes nothing', async () => {
		const events = await tableFingerprint(t.db, 'event');
		const users = await tableFingerprint(t.db, 'user');
		await expect(erasePerson(t.db, coordinator, anna.id)).rejects.toThrow(NotFoundError);
		await expect(erasePerson(t.db, piotr, anna.id)).rejects.toThrow(NotFoundError);
		await expect(erasePerson(t.db, admin, admin.id)).rejects.toThrow(ConflictError);
		await expect(erasePerson(t.db, admin, 999_999)).rejects.toThrow(NotFoundError);
		expect(await tableFingerprint(t.db, 'event')).toEqual(events);
		expect(await tableFingerprint(t.db, 'user')).toEqual(users);
	});

	it('pseudonymises them, removes what is theirs, keeps their work and the audit log', async () => {
		const eventsBefore = await tableFingerprint(t.db, 'event');
		const piotrBefore = await exportPersonalData(t.db, admin, piotr.id);
		const annaSession = generateSessionToken();
		await createSession(t.db, annaSession, anna.id);

		await erasePerson(t.db, admin, anna.id);

		const row = await t.db
			.selectFrom('user')
			.selectAll()
			.where('id', '=', anna.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			name: `Osoba usunięta #${anna.id}`,
			email: `erased-${anna.id}@invalid`,
			locale: null
		});
		expect(row.disabledAt).not.toBeNull();
		expect(await validateSessionToken(t.db, annaSession)).toBeNull();
		const left = await exportPersonalData(t.db, admin, anna.id);
		expect(left.memberships).toEqual([]);
		expect(left.sessions.count).toBe(0);
		expect(left.notifications).toEqual([]);
		expect(left.cardAssignments).toEqual([]);
		const attempts = await t.db
			.selectFrom('loginAttempt')
			.select('email')
			.where('email', '=', anna.email)
			.execute();
		expect(attempts).toEqual([]);
		// Her comment stays, with its text, under the pseudonym.
		const comments = await listComments(t.db, cardId);
		expect(comments.find((c) => c.authorId === anna.id)).toMatchObject({
			authorName: `Osoba usunięta #${anna.id}`
		});
		expect(left.comments.map((c) => c.body)).toEqual(['Komentarz: Anny']);
		// Neither her name nor her e-mail is anywhere in her row or what the export shows.
		expect(JSON.stringify(left)).not.toMatch(/Anna|Nowak|anna\.nowak/);

		// The audit log: exactly one row more, user.erased with ids and counts only.
		const events = await t.db.selectFrom('event').selectAll().orderBy('id').execute();
		const last = events.at(-1)!;
		expect(last).toMatchObject({ type: 'user.erased', entityId: anna.id, actorId: admin.id });
		expect(JSON.stringify(last.payload)).not.toMatch(/Anna|Nowak|anna\.nowak/);
		// Every row from before is there unchanged: the same count and checksum.
		expect(await tableFingerprint(t.db, 'event', sql`t.id < ${last.id}`)).toEqual(eventsBefore);

		// Piotr is untouched.
		const piotrAfter = await exportPersonalData(t.db, admin, piotr.id);
		expect({ ...piotrAfter, exportedAt: '' }).toEqual({ ...piotrBefore, exportedAt: '' });
	});

	it('shows the audit log and card history with the pseudonym where payloads named them', async () => {
		const csv = await auditCsv(t.db, admin, {});
		expect(csv).not.toMatch(/Anna|Nowak|anna\.nowak/);
		expect(csv).toContain('Piotr Kowal');
		expect(csv).toContain(piotr.email);
		expect(csv).toContain(`Osoba usunięta #${anna.id}`);
		const listed = await listAuditEvents(t.db, admin, { entity: 'user' });
		expect(JSON.stringify(listed.events)).not.toMatch(/Anna|Nowak|anna\.nowak/);
		const created = listed.events.find((e) => e.type === 'user.created' && e.entityId === anna.id);
		expect(created?.payload).toMatchObject({
			name: `Osoba usunięta #${anna.id}`,
			email: `erased-${anna.id}@invalid`
		});
		const history = await listEventsFor(t.db, 'card', cardId);
		const assigned = history.find((e) => e.type === 'card.assignees_changed');
		expect(assigned?.payload).toEqual({
			before: [],
			after: [
				{ id: anna.id, name: `Osoba usunięta #${anna.id}` },
				{ id: piotr.id, name: 'Piotr Kowal' }
			]
		});
		// As shown, not as stored: the rows still hold what was written.
		const stored = await t.db
			.selectFrom('event')
			.select('payload')
			.where('type', '=', 'user.created')
			.where('entityId', '=', anna.id)
			.executeTakeFirstOrThrow();
		expect(stored.payload).toMatchObject({ name: 'Anna Nowak' });
	});

	it('leaves no way to sign in, nor to enable the account again', async () => {
		for (const email of [anna.email, `erased-${anna.id}@invalid`])
			expect(await signIn(t.db, { email, password: PASSWORD, address: '10.0.0.1' })).toEqual({
				ok: false
			});
		await expect(enablePerson(t.db, admin, anna.id)).rejects.toThrow(ConflictError);
	});

	it('changes nothing when done again', async () => {
		const events = await tableFingerprint(t.db, 'event');
		await erasePerson(t.db, admin, anna.id);
		expect(await tableFingerprint(t.db, 'event')).toEqual(events);
	});
});

describe('the retention sweep', () => {
	it('deletes exactly the expired sessions, old failed sign-ins and old notifications', async () => {
		const now = new Date('2026-12-01T12:00:00Z');
		const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
		const who = coordinator.id;
		const sessions = await t.db
			.insertInto('session')
			.values([
				{ id: 'retention-expired', userId: who, expiresAt: ago(1) },
				{ id: 'retention-live', userId: who, expiresAt: ago(-1) }
			])
			.returning('id')
			.execute();
		const attempts = await t.db
			.insertInto('loginAttempt')
			.values([
				{ email: 'old@example.test', address: '10.1.1.1', attemptedAt: ago(LOGIN_ATTEMPT_DAYS + 1) },
				{ email: 'new@example.test', address: '10.1.1.1', attemptedAt: ago(LOGIN_ATTEMPT_DAYS - 1) }
			])
			.returning('id')
			.execute();
		const note = (createdAt: Date, readAt: Date | null) => ({
			userId: who,
			type: 'assigned' as const,
			cardId,
			createdAt,
			readAt
		});
		const notes = await t.db
			.insertInto('notification')
			.values([
				note(ago(200), ago(READ_NOTIFICATION_DAYS + 1)), // read long ago: goes
				note(ago(200), ago(READ_NOTIFICATION_DAYS - 1)), // read lately: stays
				note(ago(UNREAD_NOTIFICATION_DAYS + 1), null), // never read, over a year: goes
				note(ago(UNREAD_NOTIFICATION_DAYS - 1), null) // never read, under a year: stays
			])
			.returning('id')
			.execute();
		const mail = (status: 'queued' | 'kept' | 'sent' | 'failed', createdAt: Date) => ({
			source: `retention-${status}-${createdAt.getTime()}`,
			userId: who,
			address: 'retention@example.test',
			locale: 'pl' as const,
			kind: 'assigned',
			subject: 'Karta',
			html: '<p>Karta</p>',
			text: 'Karta',
			status,
			createdAt
		});
		const mails = await t.db
			.insertInto('emailMessage')
			.values([
				mail('sent', ago(SENT_EMAIL_DAYS + 1)), // sent long ago: goes
				mail('kept', ago(SENT_EMAIL_DAYS + 1)), // kept (no SMTP) long ago: goes
				mail('sent', ago(SENT_EMAIL_DAYS - 1)), // sent lately: stays
				mail('failed', ago(SENT_EMAIL_DAYS + 1)), // refused: kept for a year
				mail('failed', ago(FAILED_EMAIL_DAYS + 1)), // refused over a year ago: goes
				mail('queued', ago(FAILED_EMAIL_DAYS + 1)) // still to go: stays whatever its age
			])
			.returning('id')
			.execute();
		const otherRows = {
			session: await t.db.selectFrom('session').select('id').where('id', 'not like', 'retention-%').execute(),
			attempts: await t.db.selectFrom('loginAttempt').select('id').execute()
		};

		const result = await sweepRetention(t.db, now);

		expect(result).toEqual({ sessions: 1, loginAttempts: 1, notifications: 2, emails: 3 });
		const ids = (rows: { id: string | number }[]) => rows.map((r) => r.id);
		expect(
			ids(await t.db.selectFrom('session').select('id').where('id', 'like', 'retention-%').execute())
		).toEqual(['retention-live']);
		const attemptIds = ids(await t.db.selectFrom('loginAttempt').select('id').execute());
		expect(attemptIds).toContain(attempts[1]!.id);
		expect(attemptIds).not.toContain(attempts[0]!.id);
		expect(attemptIds).toHaveLength(otherRows.attempts.length - 1);
		const noteIds = ids(
			await t.db.selectFrom('notification').select('id').where('userId', '=', who).execute()
		);
		expect(noteIds.sort()).toEqual([notes[1]!.id, notes[3]!.id].sort());
		const mailIds = ids(
			await t.db.selectFrom('emailMessage').select('id').where('address', '=', 'retention@example.test').execute()
		);
		expect(mailIds.sort()).toEqual([mails[2]!.id, mails[3]!.id, mails[5]!.id].sort());
		expect(sessions).toHaveLength(2);
		expect(await t.db.selectFrom('session').select('id').where('id', 'not like', 'retention-%').execute()).toEqual(otherRows.session);
		// A second run finds nothing more to delete.
		expect(await sweepRetention(t.db, now)).toEqual({
			sessions: 0,
			loginAttempts: 0,
			notifications: 0,
			emails: 0
		});
	});
});
