import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ADDRESS_FAILURES, MAX_FAILURES, signIn } from '../../src/lib/server/auth/login';
import { hashPassword } from '../../src/lib/server/auth/password';
import {
	SESSION_LIFETIME,
	createSession,
	generateSessionToken,
	invalidateSession,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { RateLimitedError } from '../../src/lib/server/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const PASSWORD = 'correct-horse-battery';
let passwordHash: string;

async function makeUser(email: string, extra: { disabledAt?: Date } = {}) {
	return t.db
		.insertInto('user')
		.values({ email, name: email.split('@')[0]!, passwordHash, ...extra })
		.returning('id')
		.executeTakeFirstOrThrow();
}

beforeAll(async () => {
	t = await createTestDatabase();
	passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t.destroy());

describe('sessions', () => {
	it('stores only the SHA-256 of a token of at least 160 bits', async () => {
		const user = await makeUser('s1@example.test');
		const token = generateSessionToken();
		// base32: 5 bits a character
		expect(token.length * 5).toBeGreaterThanOrEqual(160);
		await createSession(t.db, token, user.id);
		const rows = await t.db
			.selectFrom('session')
			.select('id')
			.where('userId', '=', user.id)
			.execute();
		expect(rows).toEqual([{ id: sessionIdFromToken(token) }]);
		expect(rows[0]!.id).not.toContain(token);
		expect((await validateSessionToken(t.db, token))?.user.id).toBe(user.id);
	});

	it('refuses an unknown, expired or invalidated token', async () => {
		const user = await makeUser('s2@example.test');
		expect(await validateSessionToken(t.db, generateSessionToken())).toBeNull();

		const expired = generateSessionToken();
		await t.db
			.insertInto('session')
			.values({
				id: sessionIdFromToken(expired),
				userId: user.id,
				expiresAt: new Date(Date.now() - 1000)
			})
			.execute();
		expect(await validateSessionToken(t.db, expired)).toBeNull();

		const token = generateSessionToken();
		const session = await createSession(t.db, token, user.id);
		await invalidateSession(t.db, session.id);
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});

	it('slides the expiry of a session past half its life', async () => {
		const user = await makeUser('s3@example.test');
		const token = generateSessionToken();
		const inFiveDays = new Date(Date.now() + 5 * 24 * 3600 * 1000);
		await t.db
			.insertInto('session')
			.values({ id: sessionIdFromToken(token), userId: user.id, expiresAt: inFiveDays })
			.execute();
		const result = await validateSessionToken(t.db, token);
		expect(result!.session.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME - 60_000
		);
	});

	it('ends the sessions of a disabled account', async () => {
		const user = await makeUser('s4@example.test');
		const token = generateSessionToken();
		await createSession(t.db, token, user.id);
		await t.db
			.updateTable('user')
			.set({ disabledAt: new Date() })
			.where('id', '=', user.id)
			.execute();
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});
});

describe('sign-in', () => {
	it('signs in with the right password, whatever the case of the e-mail, with a fresh token', async () => {
		await makeUser('Mixed.Case@example.test');
		const a = await signIn(t.db, {
			email: 'mixed.case@EXAMPLE.test',
			password: PASSWORD,
			address: '10.0.0.1'
		});
		const b = await signIn(t.db, {
			email: 'mixed.case@example.test',
			password: PASSWORD,
			address: '10.0.0.1'
		});
		expect(a.ok && b.ok).toBe(true);
		if (a.ok && b.ok) expect(a.token).not.toBe(b.token);
	});

	it('refuses a wrong password, an unknown account and a disabled one alike', async () => {
		await makeUser('disabled@example.test', { disabledAt: new Date() });
		await makeUser('right@example.test');
		for (const [email, password] of [
			['right@example.test', 'wrong-password'],
			['nobody@example.test', PASSWORD],
			['disabled@example.test', PASSWORD]
		] as const) {
			expect(await signIn(t.db, { email, password, address: '10.0.0.2' })).toEqual({ ok: false });
		}
	});

	it(`locks an account after ${MAX_FAILURES} failures, saying when to try again`, async () => {
		await makeUser('locked@example.test');
		for (let i = 0; i < MAX_FAILURES; i++) {
			const address = `10.1.0.${i}`; // different addresses: the account limit holds alone
			expect(
				await signIn(t.db, { email: 'locked@example.test', password: 'nope-nope-nope', address })
			).toEqual({ ok: false });
		}
		const attempt = signIn(t.db, {
			email: 'locked@example.test',
			password: PASSWORD,
			address: '10.1.1.1'
		});
		await expect(attempt).rejects.toBeInstanceOf(RateLimitedError);
		await expect(attempt).rejects.toMatchObject({ params: { minutes: 15 } });
	});

	it(`limits an address after ${MAX_ADDRESS_FAILURES} failures across accounts`, async () => {
		await makeUser('victim@example.test');
		// Sent at once: each is counted before its password is checked, so all 50 count.
		const failures = await Promise.all(
			Array.from({ length: MAX_ADDRESS_FAILURES }, (_, i) =>
				signIn(t.db, {
					email: `guess${i}@example.test`,
					password: 'x-x-x-x-x-x',
					address: '10.9.9.9'
				})
			)
		);
		expect(failures.every((f) => !f.ok)).toBe(true);
		await expect(
			signIn(t.db, { email: 'victim@example.test', password: PASSWORD, address: '10.9.9.9' })
		).rejects.toBeInstanceOf(RateLimitedError);
		// Another address is not affected.
		const ok = await signIn(t.db, {
			email: 'victim@example.test',
			password: PASSWORD,
			address: '10.9.9.10'
		});
		expect(ok.ok).toBe(true);
	});
});
