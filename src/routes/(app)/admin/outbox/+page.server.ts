import { outboxQuerySchema } from '$lib/schemas/email';
import { adminOr404 } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/app';
import { mailSettings } from '$lib/server/email/mailer';
import { listOutbox, OUTBOX_PAGE } from '$lib/server/email/service';
import { handleDomain } from '$lib/server/http';
import type { PageServerLoad } from './$types';

// Every e-mail the app made, newest first, with its state, attempts and the server's last answer.
export const load: PageServerLoad = async ({ url, locals }) => {
	const actor = adminOr404(locals.user);
	const parsed = outboxQuerySchema.safeParse({
		before: url.searchParams.get('before') ?? undefined
	});
	const before = parsed.success ? parsed.data.before : undefined;
	const messages = await handleDomain(() => listOutbox(db(), actor, before));
	return {
		messages,
		delivering: mailSettings().deliver,
		older: messages.length === OUTBOX_PAGE ? messages.at(-1)!.id : null
	};
};
