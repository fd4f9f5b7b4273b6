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
	/** The title cut to what a tile shows in two lines, at a word, with "…". */
	short: string;
	/** "1 Area › 1.1 Goal › 1.1.19 Task": the whole chain, for the tooltip and screen readers. */
	chain: string;
	/** 1–8: the colour of the top-level ancestor, by its order in the strategy. */
	slot: number;
}

/** About two lines of a tile: a longer goal name is cut (the whole chain is in the tooltip). */
const SHORT_TITLE = 90;

/** `title` cut at the last word that fits in `SHORT_TITLE` characters, with "…"; whole if it fits. */
export function shortTitle(title: string): string {
	if (title.length <= SHORT_TITLE) return title;
	const cut = title.slice(0, SHORT_TITLE);
	const space = cut.lastIndexOf(' ');
	return `${(space > SHORT_TITLE / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
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
				short: shortTitle(node.title),
				chain: chain.join(' › '),
				slot
			});
			walk(node.children, slot, chain);
		}
	};
	buildTree([...goals]).forEach((root, i) => walk([root], (i % GOAL_SLOTS) + 1, []));
	return out;
}
