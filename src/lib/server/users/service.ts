import { byName } from '$lib/domain/names';
import type { NewPersonInput, PersonInput } from '$lib/schemas/users';
import { hashPassword } from '../auth/password';
import { requireAdmin, type Actor } from '../auth/policy';
import { invalidateUserSessions } from '../auth/session';
import type { Db } from '../db';
import type { InstanceRole } from '../db/schema';
import { ConflictError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import { isUniqueViolation, organizationOrInvalid, personOr404 } from './checks';
import { membershipAdded } from './memberships';
import { isErasedEmail } from '$lib/domain/pseudonym';
import * as repo from './repository';

// The administration of people: only an administrator, and everyone else gets 404. Every change
// writes its event row in the same transaction; no payload ever holds a password or its hash.
// Memberships live in ./memberships.ts.

export { listMemberships } from './repository';

// The database may sort in the C locale (PGlite does), which puts "Łysomice" after "Zławieś":
// lists people read are sorted here, the Polish way.

export async function setUserLocale(db: Db, userId: number, locale: 'pl' | 'en'): Promise<void> {
	await repo.setLocale(db, userId, locale);
}

async function requireFreeEmail(db: Db, email: string, exceptId?: number) {
	const holder = await repo.findIdByEmail(db, email);
	if (holder !== undefined && holder !== exceptId) emailTaken(email);
}

function emailTaken(email: string): never {
	throw new ValidationError('email', 'user_email_taken', { email });
}

/** The list: everyone, or those matching `q`, each with their organisations. */
export async function listPeople(db: Db, actor: Actor, q: string) {
	requireAdmin(actor);
	const people = await repo.listPeople(db, q);
	const memberships = await repo.listMembershipsOfPeople(
		db,
		people.map((p) => p.id)
	);
	return people.sort(byName).map((person) => ({
		...person,
		memberships: memberships
			.filter((ms) => ms.userId === person.id)
			.map(({ organizationId, name, shortName, role }) => ({
				organizationId,
				name,
				shortName,
				role
			}))
			.sort(byName)
	}));
}

/** One person with their memberships, and every organisation they could be added to. */
export async function getPerson(db: Db, actor: Actor, id: number) {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	const [memberships, organizations] = await Promise.all([
		repo.listMemberships(db, id),
		repo.listOrganizations(db)
	]);
	return {
		person,
		memberships: memberships.sort(byName),
		organizations: organizations.sort(byName)
	};
}

export async function listOrganizations(db: Db, actor: Actor) {
	requireAdmin(actor);
	return (await repo.listOrganizations(db)).sort(byName);
}

/** Creates a person, and when asked their first membership, all in one transaction. */
export async function createPerson(db: Db, actor: Actor, input: NewPersonInput) {
	requireAdmin(actor);
	await requireFreeEmail(db, input.email);
	const organization = input.organizationId
		? await organizationOrInvalid(db, input.organizationId)
		: null;
	return writePerson(db, input, { actorId: actor.id }, async (trx, personId) => {
		if (organization) {
			await membershipAdded(trx, actor, personId, organization, input.membershipRole);
		}
	});
}

/**
 * Creates a person from the command line (`npm run user:create`), where nobody is signed in:
 * this is how an installation gets its first administrator. Its event names no actor and says
 * where it came from.
 */
export async function createPersonFromCli(
	db: Db,
	input: { email: string; name: string; password: string; role: InstanceRole }
) {
	await requireFreeEmail(db, input.email);
	return writePerson(db, input, { actorId: null, source: 'cli' });
}

/** The person's row, its `user.created` event and whatever `more` writes, in one transaction. */
async function writePerson(
	db: Db,
	input: { email: string; name: string; password: string; role: InstanceRole },
	by: { actorId: number | null; source?: 'cli' },
	more?: (trx: Db, personId: number) => Promise<void>
) {
	// Hashing takes a moment on purpose: do it before the transaction, not while holding it.
	const passwordHash = await hashPassword(input.password);
	try {
		return await db.transaction().execute(async (trx) => {
			const person = await repo.insertPerson(trx, {
				email: input.email,
				name: input.name,
				role: input.role,
				passwordHash
			});
			await recordEvent(trx, {
				actorId: by.actorId,
				type: 'user.created',
				entityId: person.id,
				payload: {
					email: person.email,
					name: person.name,
					role: person.role,
					...(by.source ? { source: by.source } : {})
				}
			});
			await more?.(trx, person.id);
			return person;
		});
	} catch (err) {
		// Two administrators creating the same address at once: the unique index decides.
		if (isUniqueViolation(err, 'user_email_key')) emailTaken(input.email);
		throw err;
	}
}

export async function updatePerson(db: Db, actor: Actor, id: number, input: PersonInput) {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	// Demoting oneself could leave the instance with no administrator at all.
	if (id === actor.id && input.role !== 'admin') {
		throw new ValidationError('role', 'user_cannot_demote_self');
	}
	await requireFreeEmail(db, input.email, id);
	const before = { email: person.email, name: person.name, role: person.role };
	if (before.email === input.email && before.name === input.name && before.role === input.role) {
		return;
	}
	try {
		await db.transaction().execute(async (trx) => {
			await repo.updatePerson(trx, id, input);
			await recordEvent(trx, {
				actorId: actor.id,
				type: 'user.updated',
				entityId: id,
				payload: { before, after: input }
			});
		});
	} catch (err) {
		if (isUniqueViolation(err, 'user_email_key')) emailTaken(input.email);
		throw err;
	}
}

/** Sets a password the administrator chose, and signs the person out everywhere. */
export async function resetPassword(db: Db, actor: Actor, id: number, password: string) {
	requireAdmin(actor);
	await personOr404(db, id);
	const passwordHash = await hashPassword(password);
	await db.transaction().execute(async (trx) => {
		await repo.updatePerson(trx, id, { passwordHash });
		await invalidateUserSessions(trx, id);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.password_reset',
			entityId: id
		});
	});
}

/** Blocks sign-in and ends every session at once (the next request is already signed out). */
export async function disablePerson(db: Db, actor: Actor, id: number) {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	if (id === actor.id) throw new ConflictError('user_cannot_disable_self');
	if (person.disabledAt) return;
	await db.transaction().execute(async (trx) => {
		await repo.updatePerson(trx, id, { disabledAt: new Date() });
		await invalidateUserSessions(trx, id);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.disabled',
			entityId: id
		});
	});
}

export async function enablePerson(db: Db, actor: Actor, id: number) {
	requireAdmin(actor);
	const person = await personOr404(db, id);
	if (!person.disabledAt) return;
	// An erased person's account is gone for good: enabling it would hand someone their history.
	if (isErasedEmail(person.email)) throw new ConflictError('user_erased_cannot_enable');
	await db.transaction().execute(async (trx) => {
		await repo.updatePerson(trx, id, { disabledAt: null });
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'user.enabled',
			entityId: id
		});
	});
}
