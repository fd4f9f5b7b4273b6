import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db/app';
import { handleDomain, idOr404 } from '$lib/server/http';
import { adminOr404 } from '$lib/server/auth/guard';
import { exportPersonalData } from '$lib/server/users/personal-data';
import type { RequestHandler } from './$types';

// Everything held about one person, as a JSON file to hand them (GDPR art. 15 and 20).
export const GET: RequestHandler = async ({ params, locals }) => {
	const actor = adminOr404(locals.user);
	const id = idOr404(params.id);
	const data = await handleDomain(() => exportPersonalData(db(), actor, id));
	return json(data, {
		headers: {
			'content-disposition': `attachment; filename="personal-data-${id}.json"`,
			'cache-control': 'no-store'
		}
	});
};
