import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { hashPassword } from '../auth/password';
import { requireAdmin, type Actor } from '../auth/policy';
import { invalidateUserSessions } from '../auth/session';
import type { Db } from '../db';
import { ConflictError } from '../errors';
import { recordEvent } from '../events/repository';
import { personOr404 } from './checks';
import { erasedEmail, erasedName, isErasedEmail } from './pseudonym';
import * as repo from './repository';

// A person's rights under the GDPR, exercised by an administrator: access (art. 15: everything
// held about them, as JSON) and erasure (art. 17). Erasure pseudonymises rather than deletes:
// the person's row stays, under a pseudonym, so the city's work record (cards, comments, reports)
// and the append-only audit log keep pointing at "someone", but no longer at them. Comment and
// report bodies are kept: they are the record of the city's work, written in an official role.

export { isErasedEmail };

/** Everything held about person `id`, and nothing of anyone else (no other person's name). */
export async function exportPersonalData(db: Db, actor: Actor | null, id: number) {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	const account = await db
		.selectFrom('user')
		.select(['id', 'email', 'name', 'role', 'locale', 'disabledAt', 'createdAt'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
	const [memberships, sessions, comments, reports, notifications, assignments, events, logins] =
		await Promise.all([
			repo.listMemberships(db, id),
			db
				.selectFrom('session')
				.select([
					sql<number>`count(*)::int`.as('count'),
					sql<Date | null>`min(created_at)`.as('firstCreatedAt'),
					sql<Date | null>`max(created_at)`.as('lastCreatedAt'),
					sql<Date | null>`max(expires_at)`.as('lastExpiresAt')
				])
				.where('userId', '=', id)
				.executeTakeFirstOrThrow(),
			db
				.selectFrom('comment')
				.innerJoin('card', 'card.id', 'comment.cardId')
				.select([
					'comment.id',
					'comment.cardId',
					'card.title as cardTitle',
					'comment.body',
					'comment.createdAt',
					'comment.editedAt',
					'comment.deletedAt'
				])
				.where('comment.authorId', '=', id)
				.orderBy('comment.id')
				.execute(),
			db
				.selectFrom('activityReport')
				.select([
					'id',
					'cardId',
					'organizationId',
					'status',
					'periodStart',
					'periodEnd',
					'summary',
					'participants',
					'outputs',
					'links',
					'submittedAt',
					'createdAt',
					'updatedAt'
				])
				.where('authorId', '=', id)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('notification')
				.select(['id', 'type', 'cardId', 'commentId', 'dueDate', 'createdAt', 'readAt'])
				.where('userId', '=', id)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('cardAssignee')
				.innerJoin('card', 'card.id', 'cardAssignee.cardId')
				.select(['card.id as cardId', 'card.title as cardTitle', 'card.boardId'])
				.where('cardAssignee.userId', '=', id)
				.orderBy('card.id')
				.execute(),
			// What they did, when and on what. Not the payloads: those may name other people.
			db
				.selectFrom('event')
				.select(['id', 'occurredAt', 'type', 'entityType', 'entityId', 'boardId', 'cardId'])
				.where('actorId', '=', id)
				.orderBy('id')
				.execute(),
			db
				.selectFrom('loginAttempt')
				.select(['attemptedAt', 'address'])
				.where('email', '=', person.email.toLowerCase())
				.orderBy('attemptedAt')
				.execute()
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
export async function erasePerson(db: Db, actor: Actor | null, id: number): Promise<void> {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	if (id === actor.id) throw new ConflictError('user_cannot_erase_self');
	if (isErasedEmail(person.email)) return;
	// The hash of a random password nobody ever sees: a valid hash that nothing matches.
	const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('user')
			.set({
				name: erasedName(id),
				email: erasedEmail(id),
				passwordHash,
				locale: null,
				role: 'member',
				disabledAt: person.disabledAt ?? new Date()
			})
			.where('id', '=', id)
			.execute();
		await invalidateUserSessions(trx, id);
		const removed = {
			memberships: await deleted(trx.deleteFrom('membership').where('userId', '=', id)),
			cardAssignments: await deleted(trx.deleteFrom('cardAssignee').where('userId', '=', id)),
			notifications: await deleted(trx.deleteFrom('notification').where('userId', '=', id)),
			failedSignIns: await deleted(
				trx.deleteFrom('loginAttempt').where('email', '=', person.email.toLowerCase())
			)
		};
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.erased',
			entityId: id,
			payload: removed
		});
	});
}

async function deleted(query: { executeTakeFirst(): Promise<{ numDeletedRows: bigint }> }) {
	return Number((await query.executeTakeFirst()).numDeletedRows);
}
