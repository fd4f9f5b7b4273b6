import { can, type Actor } from '../auth/policy';
import type { Db } from '../db';
import type { EmailMode } from '../db/schema';
import { NotFoundError } from '../errors';
import type { EmailPreferencesInput } from '$lib/schemas/email';
import {
	enabledUser,
	outboxMessage,
	outboxPage,
	preferenceRows,
	upsertPreferences
} from './repository';
import { DEFAULT_MODE, EMAIL_KINDS, type EmailKind } from './kinds';
import { emailSecret, verifyUnsubscribe, type UnsubscribeScope } from './token';

// What people do with e-mail: their own preferences, the one-click unsubscribe (no session: the
// signed token is the only authority, and it names one person and one kind), and the
// administrators' outbox.

/** A person's mode for every kind, defaults filled in. */
export async function getPreferences(
	db: Db,
	userId: number
): Promise<Record<EmailKind, EmailMode>> {
	const rows = await preferenceRows(db, [userId]);
	const chosen = new Map(rows.map((r) => [r.kind, r.mode]));
	return Object.fromEntries(
		EMAIL_KINDS.map((k) => [k, chosen.get(k) ?? DEFAULT_MODE[k]])
	) as Record<EmailKind, EmailMode>;
}

async function setModes(db: Db, userId: number, modes: Partial<Record<EmailKind, EmailMode>>) {
	await upsertPreferences(
		db,
		Object.entries(modes).map(([kind, mode]) => ({ userId, kind, mode: mode! }))
	);
}

/** The signed-in person's own preferences: every kind at once. */
export function savePreferences(db: Db, actor: Actor, input: EmailPreferencesInput) {
	return setModes(db, actor.id, input);
}

/** The kinds a scope stops: one kind, or every kind that now goes to the digest. */
async function kindsOf(db: Db, userId: number, scope: UnsubscribeScope): Promise<EmailKind[]> {
	if (scope !== 'digest') return [scope];
	const modes = await getPreferences(db, userId);
	return EMAIL_KINDS.filter((k) => modes[k] === 'daily');
}

/** What a link would stop, for its confirmation page; null for a bad or foreign token. */
export async function describeUnsubscribe(db: Db, token: string) {
	const parsed = verifyUnsubscribe(await emailSecret(db), token);
	if (!parsed) return null;
	const user = await enabledUser(db, parsed.userId);
	return user ? { ...parsed, email: user.email, locale: user.locale } : null;
}

/** One-click unsubscribe (RFC 8058): sets the token's kinds to never; false for a bad token. */
export async function unsubscribe(db: Db, token: string): Promise<boolean> {
	const target = await describeUnsubscribe(db, token);
	if (!target) return false;
	const kinds = await kindsOf(db, target.userId, target.scope);
	await setModes(db, target.userId, Object.fromEntries(kinds.map((k) => [k, 'never'])));
	return true;
}

export const OUTBOX_PAGE = 100;

function requireAdmin(actor: Actor) {
	if (!can.administer(actor)) throw new NotFoundError();
}

/** Every message, newest first: the administrators' view of what went out and what did not. */
export async function listOutbox(db: Db, actor: Actor, before?: number) {
	requireAdmin(actor);
	return outboxPage(db, OUTBOX_PAGE, before);
}

export async function getOutboxMessage(db: Db, actor: Actor, id: number) {
	requireAdmin(actor);
	const row = await outboxMessage(db, id);
	if (!row) throw new NotFoundError();
	return row;
}
