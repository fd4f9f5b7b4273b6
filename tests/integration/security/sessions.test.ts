import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../src/lib/server/auth/login';
import { hashPassword } from '../../../src/lib/server/auth/password';
import {
	RENEW_WHEN_LEFT,
	SESSION_LIFETIME,
	SESSION_MAX_AGE,
	createSession,
	generateSessionToken,
	sessionIdFromToken,
	validateSessionToken
} from '../../../src/lib/server/auth/session';
import { disablePerson, resetPassword } from '../../../src/lib/server/users/service';
import { makePerson } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// OWASP ASVS V3 (session management) at the level of the session code and the database: what
// the tokens are made of, what the database keeps of them, and when a session ends. The same
// rules seen over HTTP, with cookies and sockets, are in tests/e2e/security/.

const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'kasztanowa-aleja-7';
let t: TestDatabase;
let passwordHash: string;

beforeAll(async () => {
	t = await createTestDatabase();
	passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t.destroy());

async function person(email: string) {
	return t.db
		.insertInto('user')
		.values({ email, name: email, passwordHash })
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** A session row as it would be after `createdAt`, expiring at `expiresAt`. */
async function sessionAt(userId: number, createdAt: Date, expiresAt: Date) {
	const token = generateSessionToken();
	await t.db
		.insertInto('session')
		.values({ id: sessionIdFromToken(token), userId, createdAt, expiresAt })
		.execute();
	return token;
}

const storedExpiry = async (token: string) =>
	new Date(
		(
			await t.db
				.selectFrom('session')
				.select('expiresAt')
				.where('id', '=', sessionIdFromToken(token))
				.executeTakeFirstOrThrow()
		).expiresAt
	).getTime();

describe('session tokens', () => {
	it('are unique, 39 base32 characters carrying 192 random bits (at least 160)', () => {
		const tokens = Array.from({ length: 5000 }, generateSessionToken);
		expect(new Set(tokens).size).toBe(tokens.length);
		for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{39}$/);
		// Every symbol turns up in every position (the last holds the 2 bits left: 4 symbols).
		for (let i = 0; i < 39; i += 1) {
			const seen = new Set(tokens.map((token) => token[i]));
			expect(seen.size, `symbols at position ${i}`).toBe(i === 38 ? 4 : 32);
		}
	});

	it('never reach the database: a session row holds the SHA-256 of the token', async () => {
		const { id } = await person('tokens@example.test');
		const issued: string[] = [];
		for (let i = 0; i < 4; i += 1) {
			const result = await signIn(t.db, {
				email: 'tokens@example.test',
				password: PASSWORD,
				address: '10.0.0.1'
			});
			if (!result.ok) throw new Error('sign-in failed');
			issued.push(result.token);
		}
		const rows = await t.db.selectFrom('session').selectAll().execute();
		const stored = rows.flatMap((row) => Object.values(row).map(String));
		for (const token of issued) {
			expect(stored.some((value) => value.includes(token))).toBe(false);
		}
		const ours = rows.filter((row) => row.userId === id).map((row) => row.id);
		expect(ours.sort()).toEqual(
			issued.map((token) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)))).sort()
		);
	});

	it('are new at every sign-in, so a token known before it is not the one after', async () => {
		await person('fixation@example.test');
		const input = { email: 'fixation@example.test', password: PASSWORD, address: '10.0.0.2' };
		const first = await signIn(t.db, input);
		const second = await signIn(t.db, input);
		expect(first.ok && second.ok).toBe(true);
		if (!first.ok || !second.ok) return;
		expect(second.token).not.toBe(first.token);
		expect(second.session.id).not.toBe(first.session.id);
	});
});

describe('session expiry', () => {
	it('slides: a session used with less than the renewal margin left is extended', async () => {
		const { id } = await person('sliding@example.test');
		const token = await sessionAt(id, new Date(), new Date(Date.now() + RENEW_WHEN_LEFT - DAY));
		const before = Date.now();
		const result = await validateSessionToken(t.db, token);
		expect(result?.session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_LIFETIME);
		expect(await storedExpiry(token)).toBe(result!.session.expiresAt.getTime());
	});

	it('does not write when plenty of the session is left', async () => {
		const { id } = await person('fresh@example.test');
		const expiresAt = new Date(Date.now() + RENEW_WHEN_LEFT + DAY);
		const token = await sessionAt(id, new Date(), expiresAt);
		expect((await validateSessionToken(t.db, token))?.session.expiresAt).toEqual(expiresAt);
		expect(await storedExpiry(token)).toBe(expiresAt.getTime());
	});

	it('ends a session idle past its expiry', async () => {
		const { id } = await person('idle@example.test');
		const token = await sessionAt(id, new Date(Date.now() - 20 * DAY), new Date(Date.now() - 1));
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});

	it('is absolute: however active, a session ends its maximum age after sign-in', async () => {
		const { id } = await person('absolute@example.test');
		// In use all along (it still has days left), but signed in longer ago than the maximum.
		const old = await sessionAt(
			id,
			new Date(Date.now() - SESSION_MAX_AGE - 1000),
			new Date(Date.now() + 5 * DAY)
		);
		expect(await validateSessionToken(t.db, old)).toBeNull();
		const rows = await t.db
			.selectFrom('session')
			.select('id')
			.where('id', '=', sessionIdFromToken(old))
			.execute();
		expect(rows).toEqual([]);

		// Near its end, renewal stops at the absolute limit instead of the idle lifetime.
		const createdAt = new Date(Date.now() - SESSION_MAX_AGE + 3 * DAY);
		const late = await sessionAt(id, createdAt, new Date(Date.now() + DAY));
		const result = await validateSessionToken(t.db, late);
		expect(result?.session.expiresAt.getTime()).toBe(createdAt.getTime() + SESSION_MAX_AGE);
	});

	it('is never longer than the maximum age, as the constants say', () => {
		expect(SESSION_LIFETIME).toBeLessThanOrEqual(SESSION_MAX_AGE);
		expect(RENEW_WHEN_LEFT).toBeLessThan(SESSION_LIFETIME);
	});
});

describe("ending all of a person's sessions", () => {
	async function twoSessions(userId: number) {
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const token of tokens) await createSession(t.db, token, userId);
		return tokens;
	}
	const anyValid = async (tokens: string[]) =>
		(await Promise.all(tokens.map((token) => validateSessionToken(t.db, token)))).some(Boolean);

	it('on a password reset and on disabling the account', async () => {
		const admin = await makePerson(t.db, 'admin');
		const reset = await person('reset@example.test');
		const resetTokens = await twoSessions(reset.id);
		expect(await anyValid(resetTokens)).toBe(true);
		await resetPassword(t.db, admin, reset.id, 'nowe-hasło-do-konta');
		expect(await anyValid(resetTokens)).toBe(false);

		const disabled = await person('disabled@example.test');
		const disabledTokens = await twoSessions(disabled.id);
		await disablePerson(t.db, admin, disabled.id);
		expect(await anyValid(disabledTokens)).toBe(false);
		const left = await t.db
			.selectFrom('session')
			.select('id')
			.where('userId', 'in', [reset.id, disabled.id])
			.execute();
		expect(left).toEqual([]);
	});
});
