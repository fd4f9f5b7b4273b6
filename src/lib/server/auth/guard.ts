import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from './session';
import { can, type Actor } from './policy';

// What a route asks of the signed-in person before anything else, in one place.

/**
 * The signed-in person. The server hook sends everyone else to the sign-in page before a route
 * under (app)/ runs, so this never fails there; it makes that explicit instead of `user!`.
 */
export function requireUser(locals: App.Locals): SessionUser {
	if (!locals.user) error(401, m.error_not_found());
	return locals.user;
}

/**
 * For the /admin routes: 404 unless the signed-in person is an administrator, checked before any
 * input is read, so that no one else can tell an action from a missing page by its answer.
 * The services check again with requireAdmin; this only makes the answer the same everywhere.
 */
export function adminOr404(user: Actor | null): Actor {
	if (!user || !can.administer(user)) error(404, m.error_not_found());
	return user;
}
