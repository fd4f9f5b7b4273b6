import { redirect } from '@sveltejs/kit';
import { adminOr404 } from '$lib/server/auth/guard';
import type { PageServerLoad } from './$types';

// /admin has no page of its own yet: people are the administration's first section.
export const load: PageServerLoad = ({ locals }) => {
	adminOr404(locals.user);
	redirect(307, '/admin/users');
};
