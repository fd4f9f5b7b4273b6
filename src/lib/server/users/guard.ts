import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { recordId } from '$lib/schemas/common';
import { can, type Actor } from '../auth/policy';

/**
 * For the /admin routes: 404 unless the signed-in person is an administrator, checked before any
 * input is read, so that no one else can tell an action from a missing page by its answer.
 * The services check again with requireAdmin; this only makes the answer the same everywhere.
 */
export function adminOr404(user: Actor | null): Actor {
	if (!user || !can.administer(user)) error(404, m.error_not_found());
	return user;
}

/** A person's id from the URL: anything but a plain positive integer is a page that is not there. */
export function personIdOr404(raw: string): number {
	const parsed = recordId.safeParse(raw);
	if (!parsed.success) error(404, m.error_not_found());
	return parsed.data;
}
