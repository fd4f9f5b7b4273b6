import { buildTree } from '$lib/domain/goal-tree';
import type { Db } from '../db';
import { progressOfStrategy } from '../goals/progress';
import { listGoalsOfStrategy } from '../goals/repository';
import { indicatorsOf } from '../indicators/service';
import { currentCityStrategy, publicCardRows } from './repository';

// The public progress page: the current city strategy's goal tree with progress and statuses,
// its indicators, and the cards their lead organisations marked public — title, status, lead
// organisation and dates only. Nothing here names a person: no assignees, authors, comments or
// reports.

export async function publicProgress(db: Db) {
	const strategy = await currentCityStrategy(db);
	if (!strategy) return null;
	const goals = await listGoalsOfStrategy(db, strategy.id);
	const [progress, cards, indicators] = await Promise.all([
		// Progress counts every live card (the public scope): how much is done, not which cards.
		progressOfStrategy(db, 'public', strategy.id, goals),
		publicCardRows(db, strategy.id),
		indicatorsOf(
			db,
			goals.map((g) => g.id)
		)
	]);
	const tree = buildTree(
		goals.map((g) => ({
			id: g.id,
			parentId: g.parentId,
			level: g.level,
			code: g.code,
			title: g.title,
			position: g.position,
			progress: progress.get(g.id),
			cards: cards.filter((c) => c.goalId === g.id),
			indicators: indicators
				.filter((i) => i.goalId === g.id)
				.map(({ id, name, unit, value, progress: p, expected, targetValue, targetYear }) => ({
					id,
					name,
					unit,
					value,
					progress: p,
					expected,
					targetValue,
					targetYear
				}))
		}))
	);
	return { strategy, tree, publicCards: cards.length };
}
