import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';
import type { InstanceRole, MembershipRole } from '../db/schema';
import * as repo from './repository';

// Sessions as the Lucia guide teaches: the cookie holds a random token, the database only its
// SHA-256, so a leaked database cannot be replayed as cookies.

const DAY = 24 * 60 * 60 * 1000;
/** Idle lifetime: a session not used for this long ends. */
export const SESSION_LIFETIME = 14 * DAY;
/** A session is extended when less than this remains: sliding expiry without a write per request. */
export const RENEW_WHEN_LEFT = 7 * DAY;
/**
 * Absolute lifetime: however active, a session ends this long after sign-in and the person signs
 * in again (periodic re-authentication, OWASP ASVS 3.3.2), so a stolen cookie is not good forever.
 */
export const SESSION_MAX_AGE = 30 * DAY;

/** The later expiry of a session in use: the idle lifetime from now, never past its absolute end. */
function slidExpiry(createdAt: Date): Date {
	return new Date(Math.min(Date.now() + SESSION_LIFETIME, createdAt.getTime() + SESSION_MAX_AGE));
}

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	role: InstanceRole;
	locale: 'pl' | 'en' | null;
	/** The person's organisations and role in each, read with the session: every rule needs them. */
	orgs: ReadonlyMap<number, MembershipRole>;
}

export interface ValidSession {
	id: string;
	userId: number;
	expiresAt: Date;
}

/** 24 random bytes: 192 bits, more than the 160 the standard asks for. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(24);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: number): Promise<ValidSession> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME)
	};
	await repo.insertSession(db, session);
	return session;
}

export async function validateSessionToken(
	db: Db,
	token: string
): Promise<{ session: ValidSession; user: SessionUser; unread: number } | null> {
	const sessionId = sessionIdFromToken(token);
	const row = await repo.findSessionWithUser(db, sessionId);
	if (!row) return null;
	const expiresAt = new Date(row.expiresAt);
	const createdAt = new Date(row.createdAt);
	const now = Date.now();
	if (
		now >= expiresAt.getTime() ||
		now >= createdAt.getTime() + SESSION_MAX_AGE ||
		row.disabledAt
	) {
		await invalidateSession(db, sessionId);
		return null;
	}
	const session: ValidSession = { id: row.id, userId: row.userId, expiresAt };
	const renewed = slidExpiry(createdAt);
	if (expiresAt.getTime() - now < RENEW_WHEN_LEFT && renewed > expiresAt) {
		session.expiresAt = renewed;
		await repo.setSessionExpiry(db, sessionId, session.expiresAt);
	}
	return {
		session,
		user: {
			id: row.userId,
			email: row.email,
			name: row.name,
			role: row.role,
			locale: row.locale,
			orgs: new Map(row.memberships.map((m) => [m.organizationId, m.role]))
		},
		unread: Number(row.unread ?? 0)
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await repo.deleteSession(db, sessionId);
}

export async function invalidateUserSessions(db: Db, userId: number): Promise<void> {
	await repo.deleteUserSessions(db, userId);
}
