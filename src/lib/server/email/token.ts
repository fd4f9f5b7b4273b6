import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db';
import { isEmailKind, type EmailKind } from './kinds';
import { insertSecretOnce } from './repository';

// The unsubscribe link's token: whose it is and what it stops, signed with a key only the server
// knows (HMAC-SHA256). One click on it changes that one person's choice without a session, so a
// forged or altered token must change nothing. The key is made once, at random, and kept in the
// database (every instance signs with the same key, and links stay valid across restarts).

/** What a link stops: one kind of message, or the daily digest (every kind sent in it). */
export type UnsubscribeScope = EmailKind | 'digest';

export function emailSecret(db: Db): Promise<string> {
	return insertSecretOnce(db, randomBytes(32).toString('base64url'));
}

function signature(secret: string, payload: string): string {
	return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
}

export function signUnsubscribe(secret: string, userId: number, scope: UnsubscribeScope): string {
	const payload = `${userId}.${scope}`;
	return `${payload}.${signature(secret, payload)}`;
}

/** The token's person and scope when its signature is right, else null. */
export function verifyUnsubscribe(
	secret: string,
	token: string
): { userId: number; scope: UnsubscribeScope } | null {
	const match = /^(\d{1,9})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
	if (!match) return null;
	const [, id, scope, given] = match as unknown as [string, string, string, string];
	if (scope !== 'digest' && !isEmailKind(scope)) return null;
	const expected = Buffer.from(signature(secret, `${id}.${scope}`));
	const actual = Buffer.from(given);
	if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
	return { userId: Number(id), scope };
}
