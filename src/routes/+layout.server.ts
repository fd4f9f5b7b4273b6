import { db } from '$lib/server/db/app';
import { unreadCount } from '$lib/server/notifications/service';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, depends }) => {
	// Reloaded when this person's notifications change (read on their page).
	depends('app:notifications');
	return {
		user: locals.user && {
			id: locals.user.id,
			name: locals.user.name,
			email: locals.user.email,
			role: locals.user.role
		},
		unread: locals.user ? await unreadCount(db(), locals.user.id) : 0,
		locale: locals.locale,
		theme: locals.theme
	};
};
