// The goal tree of a strategy, built in memory from its flat rows (one query per page, whatever
// the depth), and the rules of which level sits under which.

export type GoalLevel = 'area' | 'strategic' | 'operational' | 'task';

export interface GoalRow {
	id: number;
	parentId: number | null;
	level: GoalLevel;
	code: string | null;
	title: string;
	position: number;
}

export type GoalNode<T extends GoalRow = GoalRow> = T & { children: GoalNode<T>[] };

/** The level a new child of a goal (or of the strategy itself, for null) takes. */
export function childLevel(parent: GoalLevel | null, strategyHasAreas: boolean): GoalLevel | null {
	switch (parent) {
		case null:
			return strategyHasAreas ? 'area' : 'strategic';
		case 'area':
			return 'strategic';
		case 'strategic':
			return 'operational';
		case 'operational':
			return 'task';
		case 'task':
			return null;
	}
}

/** Compares codes such as "1.10" and "1.9" number by number. */
export function compareCodes(a: string | null, b: string | null): number {
	if (a === b) return 0;
	if (a === null) return -1;
	if (b === null) return 1;
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const d = (pa[i] ?? -1) - (pb[i] ?? -1);
		if (d !== 0) return d;
	}
	return 0;
}

function byPosition(a: GoalRow, b: GoalRow): number {
	return a.position - b.position || compareCodes(a.code, b.code) || a.id - b.id;
}

export function buildTree<T extends GoalRow>(rows: readonly T[]): GoalNode<T>[] {
	const nodes = new Map<number, GoalNode<T>>(rows.map((r) => [r.id, { ...r, children: [] }]));
	const roots: GoalNode<T>[] = [];
	for (const node of nodes.values()) {
		const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
		(parent ? parent.children : roots).push(node);
	}
	const sort = (list: GoalNode<T>[]) => {
		list.sort(byPosition);
		list.forEach((n) => sort(n.children));
	};
	sort(roots);
	return roots;
}

/** The goal's ancestors from the top down, not including the goal itself. */
export function ancestors<T extends GoalRow>(rows: T[], goalId: number): T[] {
	const byId = new Map(rows.map((r) => [r.id, r]));
	const chain: T[] = [];
	let current = byId.get(goalId);
	while (current?.parentId != null) {
		current = byId.get(current.parentId);
		if (current) chain.unshift(current);
	}
	return chain;
}

/** The code a new child would take by default: the parent's code and the next free number. */
export function nextChildCode(parentCode: string | null, siblingCodes: (string | null)[]): string {
	const prefix = parentCode ? `${parentCode}.` : '';
	const numbers = siblingCodes
		.filter((c): c is string => c !== null && c.startsWith(prefix))
		.map((c) => Number(c.slice(prefix.length)))
		.filter((n) => Number.isInteger(n));
	return `${prefix}${numbers.length ? Math.max(...numbers) + 1 : 1}`;
}

/** The rows in the order the tree reads: each goal followed by the goals under it. */
export function inTreeOrder<T extends GoalRow>(rows: T[]): T[] {
	const out: T[] = [];
	const walk = (nodes: GoalNode<T>[]) => {
		for (const { children, ...row } of nodes) {
			out.push(row as unknown as T);
			walk(children);
		}
	};
	walk(buildTree(rows));
	return out;
}

/** The rows split into groups (one per strategy, say), each in tree order; groups in first-seen order. */
export function groupedInTreeOrder<T extends GoalRow>(
	rows: T[],
	groupOf: (row: T) => string
): { title: string; goals: T[] }[] {
	const groups = new Map<string, T[]>();
	for (const row of rows) groups.set(groupOf(row), [...(groups.get(groupOf(row)) ?? []), row]);
	return [...groups].map(([title, members]) => ({ title, goals: inTreeOrder(members) }));
}
