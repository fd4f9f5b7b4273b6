import { redirect } from '@sveltejs/kit';
import { newPersonSchema } from '$lib/schemas/users';
import { db } from '$lib/server/db/app';
import { formAction, handleDomain } from '$lib/server/http';
import { adminOr404 } from '$lib/server/auth/guard';
import { createPerson, listOrganizations } from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = adminOr404(locals.user);
	return { organizations: await handleDomain(() => listOrganizations(db(), actor)) };
};

export const actions: Actions = {
	default: ({ request, locals }) => {
		const actor = adminOr404(locals.user);
		return formAction(request, newPersonSchema, async (input) => {
			const person = await createPerson(db(), actor, input);
			redirect(303, `/admin/users/${person.id}?created`);
		});
	}
};
