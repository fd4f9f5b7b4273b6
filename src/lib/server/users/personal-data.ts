import { randomBytes } from 'node:crypto';
import { hashPassword } from '../auth/password';
import { requireAdmin, type Actor } from '../auth/policy';
import { invalidateUserSessions } from '../auth/session';
import type { Db } from '../db';
import { ConflictError } from '../errors';
import { recordEvent } from '../events/repository';
import { personOr404 } from './checks';
import { erasedEmail, erasedName, isErasedEmail } from '$lib/domain/pseudonym';
import * as repo from './personal-data-repository';
import { listMemberships } from './repository';
import { listAttachmentsBy } from '../attachments/repository';

// A person's rights under the GDPR, exercised by an administrator: access (art. 15: everything
// held about them, as JSON) and erasure (art. 17). Erasure pseudonymises rather than deletes:
// the person's row stays, under a pseudonym, so the city's work record (cards, comments, reports)
// and the append-only audit log keep pointing at "someone", but no longer at them. Comment and
// report bodies are kept: they are the record of the city's work, written in an official role;
// so are the files they uploaded (a report's evidence above all), shown under the pseudonym.

export { isErasedEmail };

/** Everything held about person `id`, and nothing of anyone else (no other person's name). */
export async function exportPersonalData(db: Db, actor: Actor, id: number) {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	const account = await repo.findAccount(db, id);
	const [
		memberships,
		sessions,
		comments,
		reports,
		attachments,
		notifications,
		assignments,
		events,
		logins
	] = await Promise.all([
		listMemberships(db, id),
		repo.sessionSummary(db, id),
		repo.listCommentsBy(db, id),
		repo.listReportsBy(db, id),
		// The files they uploaded (cards', evidence, comments'): what and where, not the bytes.
		listAttachmentsBy(db, id),
		repo.listNotificationsOf(db, id),
		repo.listAssignmentsOf(db, id),
		// What they did, when and on what. Not the payloads: those may name other people.
		repo.listEventsBy(db, id),
		repo.listLoginAttempts(db, person.email.toLowerCase())
	]);
	return {
		exportedAt: new Date().toISOString(),
		account,
		memberships: memberships.map(({ id: organizationId, name, role }) => ({
			organizationId,
			organization: name,
			role
		})),
		sessions,
		comments,
		reports,
		attachments,
		notifications,
		cardAssignments: assignments,
		events,
		failedSignIns: logins
	};
}

/**
 * Erases person `id`: a pseudonym for name and e-mail, an unusable password, the account disabled;
 * their sessions, memberships, card assignments, notifications and failed sign-ins by their
 * e-mail deleted. Their comments and reports stay, shown under the pseudonym. The audit log is
 * not touched (it cannot be): a `user.erased` event is added, holding ids only. The route ends
 * their sockets. Erasing an erased person again changes nothing.
 */
export async function erasePerson(db: Db, actor: Actor, id: number): Promise<void> {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	if (id === actor.id) throw new ConflictError('user_cannot_erase_self');
	if (isErasedEmail(person.email)) return;
	// The hash of a random password nobody ever sees: a valid hash that nothing matches.
	const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
	await db.transaction().execute(async (trx) => {
		await repo.pseudonymisePerson(trx, id, {
			name: erasedName(id),
			email: erasedEmail(id),
			passwordHash,
			disabledAt: person.disabledAt ?? new Date()
		});
		await invalidateUserSessions(trx, id);
		const removed = {
			memberships: await repo.deleteMembershipsOf(trx, id),
			cardAssignments: await repo.deleteAssignmentsOf(trx, id),
			notifications: await repo.deleteNotificationsOf(trx, id),
			failedSignIns: await repo.deleteLoginAttempts(trx, person.email.toLowerCase())
		};
		// The outbox keeps their address and messages about them: gone with the rest.
		await repo.deleteEmailOf(trx, id);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.erased',
			entityId: id,
			payload: removed
		});
	});
}
