import { parseCardFilters } from '$lib/schemas/filters';
import { getMyWork } from '$lib/server/cards/lists';
import { db } from '$lib/server/db/app';
import { listCurrentGoals } from '$lib/server/goals/repository';
import { listMemberships } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filters = { ...parseCardFilters(url.searchParams), view: 'list' as const };
	const [work, memberships, goals] = await Promise.all([
		getMyWork(db(), requireUser(locals), filters),
		listMemberships(db(), requireUser(locals).id),
		listCurrentGoals(db())
	]);
	return {
		// The labels are offered as filters above; the rows do not carry them to the page.
		cards: work.rows.map((card) => {
			const { labels, ...row } = card;
			void labels;
			return row;
		}),
		total: work.total,
		filters,
		goals: goals.map(({ id, parentId, level, code, title, position, strategyTitle }) => ({
			id,
			parentId,
			level,
			code,
			title,
			position,
			strategyTitle
		})),
		orgs: memberships.map(({ id, name, shortName }) => ({ id, name, shortName })),
		labels: work.labels
	};
};
