import { parseCardFilters } from '$lib/schemas/filters';
import { getMyWork } from '$lib/server/boards/service';
import { db } from '$lib/server/db/app';
import { listMemberships } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = { ...parseCardFilters(url.searchParams), view: 'list' as const };
	const [cards, memberships] = await Promise.all([
		getMyWork(db(), locals.user!, filters),
		listMemberships(db(), locals.user!.id)
	]);
	const labels = [...new Set(cards.flatMap((c) => c.labels))].sort((a, b) =>
		a.localeCompare(b, 'pl')
	);
	return {
		cards,
		filters,
		orgs: memberships.map((o) => ({ id: o.id, name: o.name })),
		labels
	};
};
