import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db/app';
import { publicProgress } from '$lib/server/public/service';
import type { PageServerLoad } from './$types';

// The public progress page: no sign-in (the session hook lets /public through).
export const load: PageServerLoad = async ({ depends, setHeaders }) => {
	depends('app:public');
	setHeaders({ 'cache-control': 'no-store' });
	const progress = await publicProgress(db());
	if (!progress) error(404, m.error_not_found());
	return progress;
};
