import { adminOr404 } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

// Every page under /admin is an administrator's: anyone else sees a 404, as if it did not exist.
// Page loads run alongside this one and form actions without it, so they check again themselves.
export const load: LayoutServerLoad = ({ locals }) => {
	adminOr404(locals.user);
};
