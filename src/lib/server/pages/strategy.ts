import { buildTree, nextChildCode } from '$lib/domain/goal-tree';
import { can, loadViewer, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { editionMapping } from '../editions/mapping';
import { relinkCounts } from '../editions/service';
import { progressOfStrategy } from '../goals/progress';
import {
	findStrategyBySlug,
	findStrategyLink,
	findSupersedingStrategy,
	listGoalsOfStrategy
} from '../goals/repository';

/**
 * The strategy page's data: the goal tree with each goal's progress as the person may see it,
 * the editions before and after this one, the mapping between them and, for editors, what a
 * re-link would move. Nothing (the page is not there) for an unknown slug.
 */
export async function strategyPage(db: Db, actor: Actor, slug: string) {
	const strategy = await findStrategyBySlug(db, slug);
	if (!strategy) return null;
	const goals = await listGoalsOfStrategy(db, strategy.id);
	const viewer = await loadViewer(db, actor);
	const progress = await progressOfStrategy(db, viewer, strategy.id, goals);
	const supersedes = strategy.supersedesId
		? await findStrategyLink(db, strategy.supersedesId)
		: undefined;
	const supersededBy = await findSupersedingStrategy(db, strategy.id);
	const roots = goals.filter((g) => g.parentId === null);
	const canEdit = can.editStrategy(actor);
	const [mapping, relink] = await Promise.all([
		editionMapping(db, strategy.id),
		// The re-link is offered on the later edition only, to editors, when there is work to move.
		canEdit ? relinkCounts(db, strategy) : { boards: 0, cards: 0 }
	]);
	return {
		strategy,
		// Only what the tree shows: the rows' cardCount counts hidden cards too, so it stays here.
		tree: buildTree(
			goals.map((g) => ({
				id: g.id,
				parentId: g.parentId,
				level: g.level,
				code: g.code,
				title: g.title,
				position: g.position,
				progress: progress.get(g.id)
			}))
		),
		supersedes,
		supersededBy,
		mapping,
		relink,
		canEdit,
		canReport: can.seeEverything(actor),
		visibleOnly: !can.seeEverything(viewer),
		suggestedCode: nextChildCode(
			null,
			roots.map((g) => g.code)
		),
		rootsAreAreas: roots.some((g) => g.level === 'area')
	};
}
