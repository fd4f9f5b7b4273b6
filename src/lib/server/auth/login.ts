import type { Db } from '../db';
import { RateLimitedError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import * as repo from './repository';
import { createSession, generateSessionToken, type ValidSession } from './session';

// Sign-in, with failures limited per account and, more loosely, per address (one person
// mistyping must not lock out an office behind one NAT): after the limit within WINDOW the next
// try is refused until the oldest failure leaves the window. Attempts live in the database so
// the limit holds across restarts and instances.
//
// Every try is counted BEFORE its password is checked: one short transaction takes an advisory
// lock on the account, then on the address (always in that order, so two tries never wait on
// each other crosswise), counts the failures in the window, and either refuses or inserts the
// try's row as a reservation. Only then is the (slow) password checked. A failure leaves its
// row as the failure; a success deletes the account's rows. So tries sent at one moment, from
// one instance or several, are checked at most MAX_FAILURES times for an account.

export const MAX_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 50;
export const WINDOW_MS = 15 * 60 * 1000;

// Two separate key spaces for pg_advisory_xact_lock(int, int): an account's lock never
// stands for an address's.
const ACCOUNT_LOCK = 0x51a1;
const ADDRESS_LOCK = 0x51a2;

// Verifying against a real hash when the account is unknown keeps both paths equally slow, so
// timing does not tell which e-mail addresses exist.
let dummyHash: Promise<string> | undefined;

/** Counts the try against both limits and reserves its row, or returns when to try again. */
async function reserveAttempt(
	db: Db,
	email: string,
	address: string
): Promise<{ id: string } | { until: Date }> {
	return db.transaction().execute(async (trx) => {
		await repo.advisoryXactLock(trx, ACCOUNT_LOCK, email);
		await repo.advisoryXactLock(trx, ADDRESS_LOCK, address);
		const counts = await repo.countRecentAttempts(trx, email, address, WINDOW_MS);
		const blockedSince = [
			counts.byEmail >= MAX_FAILURES ? counts.oldestByEmail : null,
			counts.byAddress >= MAX_ADDRESS_FAILURES ? counts.oldestByAddress : null
		]
			.filter((d): d is Date => d !== null)
			.map((d) => new Date(d).getTime());
		if (blockedSince.length > 0) return { until: new Date(Math.max(...blockedSince) + WINDOW_MS) };
		return repo.insertAttempt(trx, email, address);
	});
}

export type SignInResult =
	| { ok: true; token: string; session: ValidSession; userId: number; locale: 'pl' | 'en' | null }
	| { ok: false };

export async function signIn(
	db: Db,
	input: { email: string; password: string; address: string }
): Promise<SignInResult> {
	const email = input.email.trim().toLowerCase();
	const reserved = await reserveAttempt(db, email, input.address);
	if ('until' in reserved) {
		const { until } = reserved;
		throw new RateLimitedError('login_rate_limited', {
			time: until.toLocaleTimeString('pl-PL', {
				hour: '2-digit',
				minute: '2-digit',
				timeZone: 'Europe/Warsaw'
			}),
			minutes: Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000))
		});
	}
	const user = await repo.findSignInAccount(db, email);
	dummyHash ??= hashPassword('not-a-real-password');
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
	// A failure keeps its reserved row: that row is the failure.
	if (!user || !valid || user.disabledAt) return { ok: false };
	// A fresh token at every sign-in: a token planted before sign-in is never promoted.
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id);
	await repo.deleteAttempts(db, email);
	return { ok: true, token, session, userId: user.id, locale: user.locale };
}
