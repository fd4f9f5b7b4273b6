import { unflatten } from 'devalue';
import { SEED_BOARDS } from '../policy/oracle';
import type { Session } from './http';

// The concrete URLs the route policy table is checked on: one resource per route parameter, found
// over HTTP (as the coordinator and the administrator, who see everything) from the seed's titles.

export interface Resources {
	/** Wydział Edukacji's board: its manager wydzial@ runs it, ngo@ partners one of its cards. */
	boardId: number;
	/** Led by Wydział Edukacji with the NGO as partner: powiat@ does not see it. */
	cardId: number;
	/** Operational goal 1.1 of the city strategy. */
	goalId: number;
	slug: string;
	/** The administrator's own account: a change of it is refused, so nothing is written. */
	adminId: number;
	/** Another account, whose page only the administrator opens. */
	personId: number;
	/** The demo's open reporting cycle of the city strategy. */
	cycleId: number;
	/** Its closed one: closing it again is refused, so nothing is written. */
	closedCycleId: number;
}

export const EDUCATION = SEED_BOARDS[1]!.title;
export const CARD = 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026';
export const SLUG = 'torun-2028';

type Rec = Record<string, unknown>;

export async function readData(baseURL: string, session: Session, path: string): Promise<Rec> {
	const [pathname, query] = path.split('?');
	const url = `${baseURL}${pathname!.replace(/\/$/, '')}/__data.json${query ? `?${query}` : ''}`;
	const res = await fetch(url, { headers: { cookie: session.cookie }, redirect: 'manual' });
	if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
	const json = (await res.json()) as { nodes?: ({ type: string; data?: unknown[] } | null)[] };
	const data: Rec = {};
	for (const node of json.nodes ?? [])
		if (node?.type === 'data' && node.data) Object.assign(data, unflatten(node.data));
	return data;
}

function findGoal(nodes: Rec[], code: string): Rec | undefined {
	for (const node of nodes) {
		if (node.code === code) return node;
		const found = findGoal((node.children as Rec[]) ?? [], code);
		if (found) return found;
	}
	return undefined;
}

export async function findResources(
	baseURL: string,
	staff: Session,
	admin: Session
): Promise<Resources> {
	const boards = (await readData(baseURL, staff, '/boards')).boards as Rec[];
	const boardId = boards.find((b) => b.title === EDUCATION)!.id as number;
	const board = await readData(baseURL, staff, `/boards/${boardId}?view=list&rows=5000`);
	const cardId = (board.rows as Rec[]).find((c) => c.title === CARD)!.id as number;
	const strategy = await readData(baseURL, staff, `/strategies/${SLUG}`);
	const goalId = findGoal(strategy.tree as Rec[], '1.1')!.id as number;
	const cycles = (await readData(baseURL, staff, `/strategies/${SLUG}/cycles`)).cycles as Rec[];
	const cycleOf = (status: string) => cycles.find((c) => c.status === status)!.id as number;
	const people = (await readData(baseURL, admin, '/admin/users')).people as Rec[];
	const idOf = (email: string) => people.find((p) => p.email === email)!.id as number;
	return {
		boardId,
		cardId,
		goalId,
		slug: SLUG,
		adminId: idOf('admin@torun.example'),
		personId: idOf('ngo@torun.example'),
		cycleId: cycleOf('open'),
		closedCycleId: cycleOf('closed')
	};
}
