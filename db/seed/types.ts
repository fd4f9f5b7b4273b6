import type { OrganizationKind, StrategyStatus } from '../../src/lib/server/db/schema';

// The shapes of the seed data. The data files hold trees and names only; the loader (index.ts)
// derives levels, parents and positions from where a goal sits, so the data cannot contradict it.

/**
 * A goal and its children, in document order. An area has no number in the documents, so its
 * `code` is null; every other goal carries the number printed in the source ('1', '1.1', '1.1.1').
 */
export interface SeedGoal {
	code: string | null;
	title: string;
	children: SeedGoal[];
}

export interface SeedStrategy {
	slug: string;
	title: string;
	owner: 'city' | 'county';
	periodStart: number;
	periodEnd: number;
	status: StrategyStatus;
	/** Slug of the edition this one replaces; that strategy must come earlier in the list. */
	supersedes: string | null;
	mission: string | null;
	/** Areas (code null) when the strategy has them, else its strategic goals. */
	goals: SeedGoal[];
}

/** A goal of the old edition that continues as a goal of the new one. */
export interface SeedMapping {
	/** Key of the old goal: its code, or an area's title. */
	from: string;
	/** Key of the new goal: its code, or an area's title. */
	to: string;
	note: string;
}

export interface SeedOrganization {
	name: string;
	shortName: string | null;
	kind: OrganizationKind;
	isCoordinator?: boolean;
}

/** How a goal is found again within its strategy: areas have no code, but unique titles. */
export const goalKey = (goal: { code: string | null; title: string }) => goal.code ?? goal.title;

export const goal = (code: string, title: string, children: SeedGoal[] = []): SeedGoal => ({
	code,
	title,
	children
});

export const area = (title: string, children: SeedGoal[]): SeedGoal => ({
	code: null,
	title,
	children
});
