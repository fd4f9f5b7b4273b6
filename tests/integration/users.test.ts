import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordId } from '../../src/lib/schemas/common';
import { newPersonSchema } from '../../src/lib/schemas/users';
import { verifyPassword } from '../../src/lib/server/auth/password';
import type { Actor } from '../../src/lib/server/auth/policy';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/login';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import {
	addMembership,
	changeMembership,
	removeMembership
} from '../../src/lib/server/users/memberships';
import {
	createPerson,
	disablePerson,
	enablePerson,
	getPerson,
	listPeople,
	resetPassword,
	updatePerson
} from '../../src/lib/server/users/service';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let admin: Actor;
let coordinator: Actor;
let orgA: number;
let orgB: number;
const PASSWORD = 'początkowe-hasło-1';

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
	const org = (name: string) =>
		t.db
			.insertInto('organization')
			.values({ name, kind: 'ngo' })
			.returning('id')
			.executeTakeFirstOrThrow();
	orgA = (await org('Fundacja A')).id;
	orgB = (await org('Stowarzyszenie B')).id;
});
afterAll(() => t.destroy());

let serial = 0;
function newPerson(extra: { organizationId?: number } = {}) {
	serial += 1;
	return createPerson(t.db, admin, {
		email: `person${serial}@example.test`,
		name: `Osoba ${serial}`,
		role: 'member',
		password: PASSWORD,
		membershipRole: 'member',
		...extra
	});
}

/** Everything a refused request must leave as it was. */
async function snapshot() {
	const counts: Record<string, number> = {};
	for (const table of ['user', 'membership', 'event', 'session'] as const) {
		const [row] = await t.db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll().as('n'))
			.execute();
		counts[table] = Number(row!.n); // int8: a number on PGlite, a string on pg
	}
	return counts;
}

const eventsOf = (userId: number) =>
	t.db
		.selectFrom('event')
		.select(['type', 'payload', 'actorId'])
		.where('entityType', '=', 'user')
		.where('entityId', '=', userId)
		.orderBy('id')
		.execute();

async function sessionFor(userId: number) {
	const token = generateSessionToken();
	await createSession(t.db, token, userId);
	expect(await validateSessionToken(t.db, token)).not.toBeNull();
	return token;
}

describe('creating a person', () => {
	it('stores a verifiable hash, the membership and events without the password', async () => {
		const person = await newPerson({ organizationId: orgA });
		const row = await t.db
			.selectFrom('user')
			.select(['passwordHash', 'role'])
			.where('id', '=', person.id)
			.executeTakeFirstOrThrow();
		expect(row.passwordHash).not.toContain(PASSWORD);
		expect(await verifyPassword(row.passwordHash, PASSWORD)).toBe(true);
		const events = await eventsOf(person.id);
		expect(events.map((e) => e.type)).toEqual(['user.created', 'user.membership_added']);
		expect(events.every((e) => e.actorId === admin.id)).toBe(true);
		const payloads = JSON.stringify(events.map((e) => e.payload));
		expect(payloads).not.toContain(PASSWORD);
		expect(payloads).not.toContain(row.passwordHash);
		const { memberships } = await getPerson(t.db, admin, person.id);
		expect(memberships).toMatchObject([{ id: orgA, role: 'member' }]);
	});

	it('refuses a taken e-mail in any letter case, writing nothing', async () => {
		const person = await newPerson();
		const before = await snapshot();
		const attempt = createPerson(t.db, admin, {
			email: person.email.toUpperCase(),
			name: 'Ktoś inny',
			role: 'member',
			password: PASSWORD,
			membershipRole: 'member'
		});
		await expect(attempt).rejects.toBeInstanceOf(ValidationError);
		await expect(attempt).rejects.toMatchObject({ field: 'email', key: 'user_email_taken' });
		// The form lower-cases the address; a row stored in capitals still counts as taken.
		await t.db
			.updateTable('user')
			.set({ email: 'Mixed.Case@Example.Test' })
			.where('id', '=', person.id)
			.execute();
		const fromForm = newPersonSchema.parse({
			email: ' MIXED.case@example.test',
			name: 'Ktoś',
			role: 'member',
			password: PASSWORD
		});
		await expect(createPerson(t.db, admin, fromForm)).rejects.toMatchObject({ field: 'email' });
		expect(await snapshot()).toEqual(before);
	});

	it('lets the unique index decide when two requests race past the check', async () => {
		const input = {
			email: 'race@example.test',
			name: 'Wyścig',
			role: 'member' as const,
			password: PASSWORD,
			membershipRole: 'member' as const
		};
		const results = await Promise.allSettled([
			createPerson(t.db, admin, input),
			createPerson(t.db, admin, input)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected');
		expect(refused?.reason).toBeInstanceOf(ValidationError);
		expect(refused?.reason).toMatchObject({ field: 'email' });
	});

	it('refuses anyone but an administrator with 404, writing nothing', async () => {
		const person = await newPerson();
		const before = await snapshot();
		const input = { organizationId: orgB, role: 'manager' as const };
		for (const actor of [coordinator]) {
			for (const attempt of [
				createPerson(t.db, actor, {
					email: 'intruder@example.test',
					name: 'Intruz',
					role: 'admin',
					password: PASSWORD,
					membershipRole: 'member'
				}),
				updatePerson(t.db, actor, person.id, { email: 'x@example.test', name: 'x', role: 'admin' }),
				addMembership(t.db, actor, person.id, input),
				resetPassword(t.db, actor, person.id, 'another-password-1'),
				disablePerson(t.db, actor, person.id),
				listPeople(t.db, actor, '')
			]) {
				await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
			}
		}
		expect(await snapshot()).toEqual(before);
	});

	it('answers 404 for a person who does not exist', async () => {
		await expect(getPerson(t.db, admin, 999_999)).rejects.toBeInstanceOf(NotFoundError);
		await expect(disablePerson(t.db, admin, 999_999)).rejects.toBeInstanceOf(NotFoundError);
		expect(recordId.safeParse('12abc').success).toBe(false);
		expect(recordId.safeParse('0').success).toBe(false);
	});
});

describe('editing a person', () => {
	it('updates details with an event, and filters the list by name or e-mail', async () => {
		const person = await newPerson();
		await updatePerson(t.db, admin, person.id, {
			email: 'renamed@example.test',
			name: 'Zofia Żółkiewska',
			role: 'coordinator'
		});
		const events = await eventsOf(person.id);
		expect(events.at(-1)).toMatchObject({
			type: 'user.updated',
			payload: { after: { name: 'Zofia Żółkiewska', role: 'coordinator' } }
		});
		expect((await listPeople(t.db, admin, 'żółk')).map((p) => p.id)).toEqual([person.id]);
		expect((await listPeople(t.db, admin, 'RENAMED@')).map((p) => p.id)).toEqual([person.id]);
		expect(await listPeople(t.db, admin, '%')).toEqual([]);
	});

	it('refuses an administrator demoting themself', async () => {
		const before = await snapshot();
		await expect(
			updatePerson(t.db, admin, admin.id, {
				email: 'admin@example.test',
				name: 'Admin',
				role: 'member'
			})
		).rejects.toMatchObject({ field: 'role', key: 'user_cannot_demote_self' });
		expect(await snapshot()).toEqual(before);
	});
});

describe('memberships', () => {
	it('adds, changes and removes a membership, each with its event', async () => {
		const person = await newPerson();
		await addMembership(t.db, admin, person.id, { organizationId: orgB, role: 'member' });
		const before = await snapshot();
		await expect(
			addMembership(t.db, admin, person.id, { organizationId: orgB, role: 'manager' })
		).rejects.toMatchObject({ field: 'organizationId', key: 'user_membership_exists' });
		await expect(
			addMembership(t.db, admin, person.id, { organizationId: 999_999, role: 'manager' })
		).rejects.toBeInstanceOf(ValidationError);
		expect(await snapshot()).toEqual(before);

		await changeMembership(t.db, admin, person.id, { organizationId: orgB, role: 'manager' });
		expect((await getPerson(t.db, admin, person.id)).memberships).toMatchObject([
			{ id: orgB, role: 'manager' }
		]);
		await removeMembership(t.db, admin, person.id, orgB);
		expect((await getPerson(t.db, admin, person.id)).memberships).toEqual([]);
		await expect(removeMembership(t.db, admin, person.id, orgB)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect((await eventsOf(person.id)).map((e) => e.type)).toEqual([
			'user.created',
			'user.membership_added',
			'user.membership_changed',
			'user.membership_removed'
		]);
	});
});

describe('passwords and disabling', () => {
	it('a password reset ends every session and the new password works', async () => {
		const person = await newPerson();
		const token = await sessionFor(person.id);
		await resetPassword(t.db, admin, person.id, 'nowe-hasło-2028');
		expect(await validateSessionToken(t.db, token)).toBeNull();
		const { passwordHash } = await t.db
			.selectFrom('user')
			.select('passwordHash')
			.where('id', '=', person.id)
			.executeTakeFirstOrThrow();
		expect(await verifyPassword(passwordHash, 'nowe-hasło-2028')).toBe(true);
		expect(await verifyPassword(passwordHash, PASSWORD)).toBe(false);
		const last = (await eventsOf(person.id)).at(-1)!;
		expect(last.type).toBe('user.password_reset');
		expect(JSON.stringify(last.payload)).not.toContain('nowe-hasło');
	});

	it('disabling ends sessions at once and blocks sign-in; enabling restores it', async () => {
		const person = await newPerson();
		const token = await sessionFor(person.id);
		const address = `10.0.0.${serial}`;
		await disablePerson(t.db, admin, person.id);
		expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await signIn(t.db, { email: person.email, password: PASSWORD, address })).toEqual({
			ok: false
		});
		await enablePerson(t.db, admin, person.id);
		const result = await signIn(t.db, { email: person.email, password: PASSWORD, address });
		expect(result.ok).toBe(true);
		expect((await eventsOf(person.id)).map((e) => e.type).slice(-2)).toEqual([
			'user.disabled',
			'user.enabled'
		]);
	});

	it('an administrator cannot disable themself', async () => {
		const token = await sessionFor(admin.id);
		const before = await snapshot();
		await expect(disablePerson(t.db, admin, admin.id)).rejects.toBeInstanceOf(ConflictError);
		expect(await snapshot()).toEqual(before);
		expect(await validateSessionToken(t.db, token)).not.toBeNull();
	});
});
