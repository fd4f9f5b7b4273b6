import type { MembershipInput } from '$lib/schemas/users';
import { requireAdmin, type Actor } from '../auth/policy';
import type { Db } from '../db';
import type { MembershipRole } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import { isUniqueViolation, organizationOrInvalid, personOr404 } from './checks';
import * as repo from './repository';

// A person's organisations and their role in each: what they see on the boards follows from
// these rows, so every change is an administrator's, with its event row in the same transaction.
// The events belong to the person (entityType 'user'), where the administration shows them.

function membershipExists(): never {
	throw new ValidationError('organizationId', 'user_membership_exists');
}

async function membershipOr404(db: Db, userId: number, organizationId: number) {
	const membership = await repo.findMembership(db, userId, organizationId);
	if (!membership) throw new NotFoundError();
	return membership;
}

/** Inserts a membership and its event in the caller's transaction (also used at creation). */
export async function membershipAdded(
	trx: Db,
	actor: Actor,
	userId: number,
	organization: { id: number; name: string },
	role: MembershipRole
) {
	await repo.insertMembership(trx, { userId, organizationId: organization.id, role });
	await recordEvent(trx, {
		actorId: actor.id,
		type: 'user.membership_added',
		entityId: userId,
		payload: { organizationId: organization.id, organizationName: organization.name, role }
	});
}

export async function addMembership(db: Db, actor: Actor, userId: number, input: MembershipInput) {
	requireAdmin(actor);
	await personOr404(db, userId);
	const organization = await organizationOrInvalid(db, input.organizationId);
	if (await repo.findMembership(db, userId, organization.id)) membershipExists();
	try {
		await db
			.transaction()
			.execute((trx) => membershipAdded(trx, actor, userId, organization, input.role));
	} catch (err) {
		if (isUniqueViolation(err, 'membership_pkey')) membershipExists();
		throw err;
	}
}

export async function changeMembership(
	db: Db,
	actor: Actor,
	userId: number,
	input: MembershipInput
) {
	requireAdmin(actor);
	await personOr404(db, userId);
	const membership = await membershipOr404(db, userId, input.organizationId);
	if (membership.role === input.role) return;
	await db.transaction().execute(async (trx) => {
		await repo.updateMembershipRole(trx, userId, input.organizationId, input.role);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.membership_changed',
			entityId: userId,
			payload: {
				organizationId: input.organizationId,
				organizationName: membership.name,
				before: membership.role,
				after: input.role
			}
		});
	});
}

export async function removeMembership(
	db: Db,
	actor: Actor,
	userId: number,
	organizationId: number
) {
	requireAdmin(actor);
	await personOr404(db, userId);
	const membership = await membershipOr404(db, userId, organizationId);
	await db.transaction().execute(async (trx) => {
		await repo.deleteMembership(trx, userId, organizationId);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.membership_removed',
			entityId: userId,
			payload: { organizationId, organizationName: membership.name, role: membership.role }
		});
	});
}
