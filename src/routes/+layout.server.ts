import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, depends }) => {
	// Reloaded when this person's notifications change (read on their page): the count comes
	// with the session, which each request reads anew.
	depends('app:notifications');
	return {
		user: locals.user && {
			id: locals.user.id,
			name: locals.user.name,
			email: locals.user.email,
			role: locals.user.role
		},
		unread: locals.unread,
		locale: locals.locale,
		theme: locals.theme
	};
};
