import { userFilterSchema } from '$lib/schemas/users';
import { db } from '$lib/server/db/app';
import { handleDomain } from '$lib/server/http';
import { adminOr404 } from '$lib/server/auth/guard';
import { listPeople } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const actor = adminOr404(locals.user);
	const { q } = userFilterSchema.parse({ q: url.searchParams.get('q') ?? undefined });
	return { q, people: await handleDomain(() => listPeople(db(), actor, q)) };
};
