import { compareCodes, type GoalLevel } from '$lib/domain/goal-tree';
import type { Db } from '../db';
import * as repo from './repository';

// The goal mapping between two editions of a strategy, read for people: the table on both
// editions' pages, and the successor a card on a goal of the superseded edition is shown.

export interface GoalRef {
	id: number;
	code: string | null;
	title: string;
}

type MappingRow = Awaited<ReturnType<typeof repo.listPairMappings>>[number];

/** Levels a card may be linked to: a mapping to any other level gives a card no successor. */
const CARD_LEVELS: readonly GoalLevel[] = ['task', 'operational'];

/**
 * Each earlier goal's successor for a card. The seed gives every goal at most one successor;
 * should a goal have several, the first (by id) is taken, so the choice is at least stable.
 */
export function cardSuccessors(rows: MappingRow[]): Map<number, GoalRef> {
	const successors = new Map<number, GoalRef>();
	for (const row of rows) {
		if (!CARD_LEVELS.includes(row.toLevel) || successors.has(row.fromId)) continue;
		successors.set(row.fromId, { id: row.toId, code: row.toCode, title: row.toTitle });
	}
	return successors;
}

const byCode = (a: GoalRef, b: GoalRef) => compareCodes(a.code, b.code) || a.id - b.id;

/**
 * The mapping as both editions' pages show it: every pair (earlier → later, with its note), the
 * earlier goals left without a successor, and the later goals that are new in that edition
 * (tasks counted apart: the earlier edition lists no tasks, so all of them are new).
 */
export async function editionMapping(db: Db, strategyId: number) {
	const pair = await repo.findEditionPair(db, strategyId);
	if (!pair) return null;
	const { earlier, later } = pair;
	const [oldGoals, newGoals, rows] = await Promise.all([
		repo.listEditionGoals(db, earlier.id),
		repo.listEditionGoals(db, later.id),
		repo.listPairMappings(db, earlier.id, later.id)
	]);
	const oldById = new Map(oldGoals.map((g) => [g.id, g]));
	const newById = new Map(newGoals.map((g) => [g.id, g]));
	const pairs = rows
		.map((row) => ({ from: oldById.get(row.fromId)!, to: newById.get(row.toId)!, note: row.note }))
		.sort((a, b) => byCode(a.from, b.from) || byCode(a.to, b.to))
		.map(({ from, to, note }) => ({ from: ref(from), to: ref(to), level: from.level, note }));
	const mappedFrom = new Set(rows.map((r) => r.fromId));
	const mappedTo = new Set(rows.map((r) => r.toId));
	const added = newGoals.filter((g) => !mappedTo.has(g.id));
	return {
		earlier: { id: earlier.id, slug: earlier.slug, title: earlier.title },
		later: { id: later.id, slug: later.slug, title: later.title },
		pairs,
		withoutSuccessor: oldGoals
			.filter((g) => !mappedFrom.has(g.id))
			.map(ref)
			.sort(byCode),
		added: added
			.filter((g) => g.level !== 'task')
			.map(ref)
			.sort(byCode),
		addedTasks: added.filter((g) => g.level === 'task').length
	};
}

function ref(goal: { id: number; code: string | null; title: string }): GoalRef {
	return { id: goal.id, code: goal.code, title: goal.title };
}

export type EditionMapping = NonNullable<Awaited<ReturnType<typeof editionMapping>>>;

/**
 * For a card's goal of a superseded edition: that edition, the one superseding it and the goal the
 * card's goal continues as there (null: none). Undefined when the goal's edition is not superseded.
 */
export async function goalSuccessor(db: Db, goal: { id: number; strategyId: number }) {
	const pair = await repo.findSupersededPair(db, goal.strategyId);
	if (!pair) return undefined;
	const successors = cardSuccessors(
		await repo.listPairMappings(db, pair.earlier.id, pair.later.id)
	);
	return {
		edition: { slug: pair.earlier.slug, title: pair.earlier.title },
		current: { slug: pair.later.slug, title: pair.later.title },
		successor: successors.get(goal.id) ?? null
	};
}
