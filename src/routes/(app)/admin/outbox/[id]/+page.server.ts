import { adminOr404 } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { getOutboxMessage } from '$lib/server/email/service';
import { handleDomain, idOr404 } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// One message as it was (or will be) sent: its headers, its plain text and its HTML.
export const load: PageServerLoad = async ({ params, locals }) => {
	const actor = adminOr404(locals.user);
	const id = idOr404(params.id);
	return { message: await handleDomain(() => getOutboxMessage(db(), actor, id)) };
};
