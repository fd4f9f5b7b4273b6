import {
	eraseSchema,
	membershipRefSchema,
	membershipSchema,
	passwordResetSchema,
	personSchema
} from '$lib/schemas/users';
import { z } from '$lib/schemas/zod';
import { db } from '$lib/server/db/app';
import { formAction, handleDomain, idOr404 } from '$lib/server/http';
import { adminOr404 } from '$lib/server/auth/guard';
import * as memberships from '$lib/server/users/memberships';
import { erasePerson, isErasedEmail } from '$lib/server/users/personal-data';
import * as people from '$lib/server/users/service';
import type { Actions, PageServerLoad } from './$types';

// One person: details, organisations, password and account state, each its own form. Every
// answer carries the form's `intent`, so the page shows it beside that form. What a change means
// for the person's open sockets (re-checked rooms, disconnection) follows from its event.

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const actor = adminOr404(locals.user);
	const id = idOr404(params.id);
	const found = await handleDomain(() => people.getPerson(db(), actor, id));
	const joined = new Set(found.memberships.map((ms) => ms.id));
	return {
		person: found.person,
		memberships: found.memberships,
		available: found.organizations.filter((o) => !joined.has(o.id)),
		isSelf: actor.id === id,
		isErased: isErasedEmail(found.person.email),
		created: url.searchParams.has('created')
	};
};

/** Who acts on whom: checked before the form is read, so nothing else answers first. */
function target(rawId: string, user: App.Locals['user']) {
	return { actor: adminOr404(user), id: idOr404(rawId) };
}

const noInput = z.object({});

export const actions: Actions = {
	update: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, personSchema, async (input) => {
			await people.updatePerson(db(), actor, id, input);
			return { intent: 'details', done: 'saved' };
		});
	},
	addMembership: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, membershipSchema, async (input) => {
			await memberships.addMembership(db(), actor, id, input);
			return { intent: 'memberships', done: 'added' };
		});
	},
	changeMembership: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, membershipSchema, async (input) => {
			await memberships.changeMembership(db(), actor, id, input);
			return { intent: 'memberships', done: 'changed' };
		});
	},
	removeMembership: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, membershipRefSchema, async ({ organizationId }) => {
			await memberships.removeMembership(db(), actor, id, organizationId);
			return { intent: 'memberships', done: 'removed' };
		});
	},
	resetPassword: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, passwordResetSchema, async ({ password }) => {
			await people.resetPassword(db(), actor, id, password);
			return { intent: 'password', done: 'reset' };
		});
	},
	disable: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, noInput, async () => {
			await people.disablePerson(db(), actor, id);
			return { intent: 'account', done: 'disabled' };
		});
	},
	erase: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, eraseSchema, async () => {
			await erasePerson(db(), actor, id);
			return { intent: 'erase', done: 'erased' };
		});
	},
	enable: ({ request, params, locals }) => {
		const { actor, id } = target(params.id, locals.user);
		return formAction(request, noInput, async () => {
			await people.enablePerson(db(), actor, id);
			return { intent: 'account', done: 'enabled' };
		});
	}
};
