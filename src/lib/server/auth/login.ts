import { sql } from 'kysely';
import type { Db } from '../db';
import { RateLimitedError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { createSession, generateSessionToken, type ValidSession } from './session';

// Sign-in, with failures limited per account and per address: after MAX_FAILURES within WINDOW
// the next try is refused until the oldest of them leaves the window. Attempts live in the
// database so the limit holds across restarts and instances.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

// Verifying against a real hash when the account is unknown keeps both paths equally slow, so
// timing does not tell which e-mail addresses exist.
let dummyHash: Promise<string> | undefined;

async function retryAfter(db: Db, email: string, address: string): Promise<Date | null> {
	const since = new Date(Date.now() - WINDOW_MS);
	const rows = await db
		.selectFrom('loginAttempt')
		.select([
			sql<number>`count(*) filter (where email = ${email})::int`.as('byEmail'),
			sql<number>`count(*) filter (where address = ${address})::int`.as('byAddress'),
			sql<Date | null>`min(attempted_at) filter (where email = ${email})`.as('oldestByEmail'),
			sql<Date | null>`min(attempted_at) filter (where address = ${address})`.as('oldestByAddress')
		])
		.where('attemptedAt', '>', since)
		.where((eb) => eb.or([eb('email', '=', email), eb('address', '=', address)]))
		.executeTakeFirstOrThrow();
	const blockedSince = [
		rows.byEmail >= MAX_FAILURES ? rows.oldestByEmail : null,
		rows.byAddress >= MAX_FAILURES ? rows.oldestByAddress : null
	]
		.filter((d): d is Date => d !== null)
		.map((d) => new Date(d).getTime());
	if (blockedSince.length === 0) return null;
	return new Date(Math.max(...blockedSince) + WINDOW_MS);
}

export type SignInResult =
	| { ok: true; token: string; session: ValidSession; userId: number; locale: 'pl' | 'en' | null }
	| { ok: false };

export async function signIn(
	db: Db,
	input: { email: string; password: string; address: string }
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const until = await retryAfter(db, email, input.address);
	if (until) {
		throw new RateLimitedError('login_rate_limited', {
			time: until.toLocaleTimeString('pl-PL', {
				hour: '2-digit',
				minute: '2-digit',
				timeZone: 'Europe/Warsaw'
			}),
			minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000))
		});
	}
	const user = await db
		.selectFrom('user')
		.select(['id', 'passwordHash', 'disabledAt', 'locale'])
		.where(sql`lower(email)`, '=', email)
		.executeTakeFirst();
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	if (!user || !valid || user.disabledAt) {
		await db.insertInto('loginAttempt').values({ email, address: input.address }).execute();
		return { ok: false };
	}
	// A fresh token at every sign-in: a token planted before sign-in is never promoted.
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id);
	await db.deleteFrom('loginAttempt').where('email', '=', email).execute();
	return { ok: true, token, session, userId: user.id, locale: user.locale };
}
