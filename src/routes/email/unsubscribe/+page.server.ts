import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { unsubscribeSchema } from '$lib/schemas/email';
import { db } from '$lib/server/db/app';
import { describeUnsubscribe, unsubscribe } from '$lib/server/email/service';
import { formAction } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

// The unsubscribe link of every message (List-Unsubscribe). No session: the signed token in the
// address names the person and the kind, and is the only authority. Opening the link (GET) only
// asks; a POST to the same address stops that kind, whether from the button here or from a mail
// client's one-click unsubscribe (RFC 8058: body `List-Unsubscribe=One-Click`). A bad or forged
// token changes nothing.

const tokenOf = (url: URL) => unsubscribeSchema.safeParse({ t: url.searchParams.get('t') ?? '' });

export const load: PageServerLoad = async ({ url }) => {
	const parsed = tokenOf(url);
	const target = parsed.success ? await describeUnsubscribe(db(), parsed.data.t) : null;
	// A bad, forged or foreign token: refused, saying where to go instead (the error page).
	if (!target) error(400, m.email_unsubscribe_invalid());
	return { target: { scope: target.scope, address: target.email } };
};

export const actions: Actions = {
	default: ({ request, url }) =>
		formAction(request, z.object({}), async () => {
			const parsed = tokenOf(url);
			const target = parsed.success ? await describeUnsubscribe(db(), parsed.data.t) : null;
			if (!parsed.success || !target || !(await unsubscribe(db(), parsed.data.t)))
				return fail(400, { message: m.email_unsubscribe_invalid(), values: {} });
			return { done: target.scope };
		})
};
