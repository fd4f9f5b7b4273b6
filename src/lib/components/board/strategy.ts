import { buildTree, type GoalNode, type GoalRow } from '$lib/domain/goal-tree';

// The strategy as the board shows it on every card: the goal's code and name, the chain from the
// top of the tree down to it, and the colour of the top-level goal (an area, or a strategic goal
// where the strategy has no areas) it belongs to. Computed once per goal, in the browser, from
// the outline the page already holds: the tiles carry only a goal id.

/** How many goal colours the palette has (`--goal-1` … `--goal-8`). */
export const GOAL_SLOTS = 8;

export interface GoalOnCard {
	id: number;
	code: string | null;
	title: string;
	/** "1 Area › 1.1 Goal › 1.1.19 Task": the whole chain, for the tooltip and screen readers. */
	chain: string;
	/** 1–8: the colour of the top-level ancestor, by its order in the strategy. */
	slot: number;
}

const step = (g: GoalRow) => (g.code ? `${g.code} ${g.title}` : g.title);

/** Every goal of the outline, by id, with its chain and colour. */
export function goalsOnCards(goals: readonly GoalRow[]): Map<number, GoalOnCard> {
	const out = new Map<number, GoalOnCard>();
	const walk = (nodes: GoalNode[], slot: number, above: string[]) => {
		for (const node of nodes) {
			const chain = [...above, step(node)];
			out.set(node.id, {
				id: node.id,
				code: node.code,
				title: node.title,
				chain: chain.join(' › '),
				slot
			});
			walk(node.children, slot, chain);
		}
	};
	buildTree([...goals]).forEach((root, i) => walk([root], (i % GOAL_SLOTS) + 1, []));
	return out;
}

/** An organisation as the board names it: its short name where it has one (the full name in a tooltip). */
export const orgShortName = (org: { name: string; shortName: string | null }) =>
	org.shortName ?? org.name;
