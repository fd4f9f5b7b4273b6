import type { Db } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import * as repo from './repository';

// Lookups the people and membership services share: a missing person is a 404, a missing
// organisation picked in a form is a field error.

export async function personOr404(db: Db, id: number) {
	const person = await repo.findPerson(db, id);
	if (!person) throw new NotFoundError();
	return person;
}

/** An organisation picked from a select: gone (or never there) is an error on that field. */
export async function organizationOrInvalid(db: Db, id: number) {
	const organization = await repo.findOrganization(db, id);
	if (!organization) throw new ValidationError('organizationId', 'error_invalid_choice');
	return organization;
}

/**
 * Whether a write failed on the named unique constraint: the last word when two requests race
 * past the check before it. pg and PGlite both report the SQLSTATE and the constraint's name.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
	if (typeof err !== 'object' || err === null) return false;
	const { code, constraint: name } = err as { code?: unknown; constraint?: unknown };
	return code === '23505' && name === constraint;
}
