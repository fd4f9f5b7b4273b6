import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	MAX_ADDRESS_FAILURES,
	MAX_FAILURES,
	signIn,
	type SignInResult
} from '../../../src/lib/server/auth/login';
import { hashPassword } from '../../../src/lib/server/auth/password';
import { connectPostgres, type Db } from '../../../src/lib/server/db';
import { RateLimitedError } from '../../../src/lib/server/errors';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// The sign-in limits hold against tries sent at one moment: each try is counted before its
// password is checked, atomically in the database, so neither concurrency nor a second app
// instance gets more password checks than the limit. The per-address limit is the looser one.

const PASSWORD = 'piernik-torunski-2028';
let t: TestDatabase;
let passwordHash: string;

beforeAll(async () => {
	t = await createTestDatabase();
	passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t.destroy());

async function account(email: string) {
	await t.db.insertInto('user').values({ email, name: email, passwordHash }).execute();
}

/** What became of each try: signed in, refused after its password was checked, or rate-limited. */
async function outcomes(tries: Promise<SignInResult>[]) {
	const settled = await Promise.allSettled(tries);
	return settled.map((s) => {
		if (s.status === 'fulfilled') return s.value.ok ? 'signed-in' : 'wrong';
		if (s.reason instanceof RateLimitedError) return 'limited';
		throw s.reason;
	});
}

const attempts = (email: string) =>
	t.db.selectFrom('loginAttempt').select('id').where('email', '=', email).execute();

/** 40 wrong passwords and then the right one, all sent before any is answered. */
async function burst(dbs: Db[], email: string) {
	const tries = Array.from({ length: 41 }, (_, i) =>
		signIn(dbs[i % dbs.length]!, {
			email,
			password: i === 40 ? PASSWORD : `wrong-password-${i}`,
			address: `10.40.${dbs.length}.${i}`
		})
	);
	const result = await outcomes(tries);
	// At most MAX_FAILURES passwords were checked at all; the right one came too late.
	expect(result.filter((r) => r !== 'limited').length).toBeLessThanOrEqual(MAX_FAILURES);
	expect(result.filter((r) => r === 'wrong')).toHaveLength(MAX_FAILURES);
	expect(result[40]).toBe('limited');
	expect(await attempts(email)).toHaveLength(MAX_FAILURES);
}

describe('tries sent at one moment', () => {
	it(`check at most ${MAX_FAILURES} passwords of one account: the right one sent with 40 wrong is refused`, async () => {
		await account('burst@example.test');
		await burst([t.db], 'burst@example.test');
	});

	it.skipIf(!process.env.TEST_DATABASE_URL)(
		`check at most ${MAX_FAILURES} passwords through two app instances (PostgreSQL only: skipped without TEST_DATABASE_URL)`,
		async () => {
			await account('two-instances@example.test');
			const other = connectPostgres(t.url!, 4);
			try {
				await burst([t.db, other.db], 'two-instances@example.test');
			} finally {
				await other.close();
			}
		}
	);

	it(`check at most ${MAX_ADDRESS_FAILURES} passwords from one address across accounts`, async () => {
		const tries = Array.from({ length: MAX_ADDRESS_FAILURES + 10 }, (_, i) =>
			signIn(t.db, {
				email: `many${i}@example.test`,
				password: 'x-x-x-x-x-x',
				address: '10.41.0.1'
			})
		);
		const result = await outcomes(tries);
		expect(result.filter((r) => r === 'wrong')).toHaveLength(MAX_ADDRESS_FAILURES);
		expect(result.filter((r) => r === 'limited')).toHaveLength(10);
	});
});

describe('the limit per address', () => {
	it('is looser than the one per account: six people mistyping behind one address do not lock it', async () => {
		const address = '10.42.0.1';
		for (let i = 0; i < 6; i++) {
			await account(`office${i}@example.test`);
			expect(
				await signIn(t.db, {
					email: `office${i}@example.test`,
					password: 'typo-typo-typo',
					address
				})
			).toEqual({ ok: false });
		}
		await account('colleague@example.test');
		const ok = await signIn(t.db, { email: 'colleague@example.test', password: PASSWORD, address });
		expect(ok.ok).toBe(true);
		// A mistyping person's own account is not locked either: they sign in on the next try.
		expect(
			(await signIn(t.db, { email: 'office0@example.test', password: PASSWORD, address })).ok
		).toBe(true);
	});
});
