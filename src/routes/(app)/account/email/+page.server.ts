import { emailPreferencesSchema } from '$lib/schemas/email';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { mailSettings } from '$lib/server/email/mailer';
import { getPreferences, savePreferences } from '$lib/server/email/service';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// The signed-in person's own e-mail preferences: per kind, at once, in the daily digest or never.
export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser(locals);
	return {
		preferences: await getPreferences(db(), user.id),
		address: user.email,
		// The language e-mail is written in: the one last chosen in the app (Polish if never).
		mailLocale: user.locale ?? 'pl',
		digestHour: mailSettings().digestHour
	};
};

export const actions: Actions = {
	default: ({ request, locals }) =>
		formAction(request, emailPreferencesSchema, async (input) => {
			await savePreferences(db(), requireUser(locals), input);
			return { saved: true };
		})
};
