import { sql, type Transaction } from 'kysely';
import { positionsAfter } from '../../src/lib/domain/position';
import type { Database } from '../../src/lib/server/db/schema';
import { recordEvent } from '../../src/lib/server/events/repository';
import { DEFAULT_COLUMNS, DEMO_BOARDS, type SeedBoard } from './boards-data';
import { DEMO_ACCOUNTS } from './users';

// Loads the demo boards into a database that has no board yet. Any board at all means people have
// started working, and demo cards mixed into their boards would only be noise; so a second run,
// or a run on a database in use, adds nothing.

type Trx = Transaction<Database>;

/** The calendar day `offset` days from `today`, as 'YYYY-MM-DD', in the server's time zone. */
export function dayFrom(today: Date, offset: number): string {
	const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

interface Lookups {
	organizations: Map<string, number>;
	/** By lower-case e-mail. */
	users: Map<string, number>;
	/** User id → the organisations the user belongs to. */
	memberships: Map<number, Set<number>>;
	strategies: Map<string, number>;
	/** Strategy slug → goal code → goal id. */
	goals: Map<string, Map<string, number>>;
}

export async function insertDemoBoards(
	trx: Trx,
	today = new Date()
): Promise<{ boards: number; cards: number }> {
	const anyBoard = await trx.selectFrom('board').select('id').limit(1).executeTakeFirst();
	if (anyBoard) return { boards: 0, cards: 0 };
	const lookups = await loadLookups(trx);
	let cards = 0;
	for (const board of DEMO_BOARDS) cards += await insertBoard(trx, board, lookups, today);
	return { boards: DEMO_BOARDS.length, cards };
}

async function loadLookups(trx: Trx): Promise<Lookups> {
	const orgs = await trx.selectFrom('organization').select(['id', 'name']).execute();
	const users = await trx
		.selectFrom('user')
		.select(['id', sql<string>`lower(email)`.as('email')])
		.where(
			sql<string>`lower(email)`,
			'in',
			DEMO_ACCOUNTS.map((a) => a.email.toLowerCase())
		)
		.execute();
	const memberships = new Map<number, Set<number>>(users.map((u) => [u.id, new Set()]));
	if (users.length) {
		const rows = await trx
			.selectFrom('membership')
			.select(['userId', 'organizationId'])
			.where(
				'userId',
				'in',
				users.map((u) => u.id)
			)
			.execute();
		for (const row of rows) memberships.get(row.userId)!.add(row.organizationId);
	}
	const slugs = [...new Set(DEMO_BOARDS.map((b) => b.strategy))];
	const strategies = await trx
		.selectFrom('strategy')
		.select(['id', 'slug'])
		.where('slug', 'in', slugs)
		.execute();
	const goalRows = await trx
		.selectFrom('goal')
		.innerJoin('strategy', 'strategy.id', 'goal.strategyId')
		.select(['strategy.slug', 'goal.id', 'goal.code'])
		.where('strategy.slug', 'in', slugs)
		.where('goal.code', 'is not', null)
		.execute();
	const goals = new Map(slugs.map((slug) => [slug, new Map<string, number>()]));
	for (const row of goalRows) goals.get(row.slug)!.set(row.code!, row.id);
	return {
		organizations: new Map(orgs.map((o) => [o.name, o.id])),
		users: new Map(users.map((u) => [u.email, u.id])),
		memberships,
		strategies: new Map(strategies.map((st) => [st.slug, st.id])),
		goals
	};
}

/** Inserts one board with its participants, columns, cards and their events; returns the cards. */
async function insertBoard(trx: Trx, board: SeedBoard, lookups: Lookups, today: Date) {
	// The seed inserts every organisation and strategy it names just before this, so a miss is a
	// typo in the data.
	const orgId = (name: string) => {
		const id = lookups.organizations.get(name);
		if (id === undefined) throw new Error(`demo board "${board.title}": no organisation "${name}"`);
		return id;
	};
	const userId = (email: string) => lookups.users.get(email.toLowerCase()) ?? null;
	const ownerId = orgId(board.owner);
	const strategyId = lookups.strategies.get(board.strategy);
	if (strategyId === undefined) throw new Error(`demo board "${board.title}": no strategy`);

	const { id: boardId } = await trx
		.insertInto('board')
		.values({
			title: board.title,
			description: board.description,
			ownerOrganizationId: ownerId,
			strategyId,
			isJoint: board.isJoint,
			labelColours: JSON.stringify(board.labelColours ?? {})
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	// The owner is a participant too, so that "who takes part" never needs a special case.
	const participants = new Set([ownerId, ...board.participants.map(orgId)]);
	await trx
		.insertInto('boardOrganization')
		.values([...participants].map((organizationId) => ({ boardId, organizationId })))
		.execute();

	const columnKeys = positionsAfter(null, DEFAULT_COLUMNS.length);
	const columns = await trx
		.insertInto('boardColumn')
		.values(DEFAULT_COLUMNS.map((c, i) => ({ boardId, ...c, position: columnKeys[i]! })))
		.returning(['id', 'status'])
		.execute();
	const columnOf = new Map(columns.map((c) => [c.status, c.id]));

	// Each column's cards take increasing keys in the order the data lists them.
	const keysLeft = new Map(
		DEFAULT_COLUMNS.map((c) => {
			const n = board.cards.filter((card) => card.status === c.status).length;
			return [c.status, positionsAfter(null, n)];
		})
	);
	const planned = board.cards.map((card) => ({
		card,
		columnId: columnOf.get(card.status)!,
		position: keysLeft.get(card.status)!.shift()!,
		createdBy: userId(card.createdBy ?? board.createdBy)
	}));
	const goals = lookups.goals.get(board.strategy)!;
	const rows = await trx
		.insertInto('card')
		.values(
			planned.map(({ card, columnId, position, createdBy }) => ({
				boardId,
				columnId,
				// A goal a coordinator has since deleted leaves the card unlinked rather than unseeded.
				goalId: goals.get(card.goal) ?? null,
				title: card.title,
				description: card.description.join('\n'),
				position,
				priority: card.priority ?? 'normal',
				labels: card.labels,
				startDate: card.start === undefined ? null : dayFrom(today, card.start),
				dueDate: card.due === undefined ? null : dayFrom(today, card.due),
				isPublic: card.public ?? false,
				createdBy
			}))
		)
		.returning(['id', 'columnId', 'position'])
		.execute();
	// Matched by column and key, unique within a board, rather than by the order of RETURNING.
	const cardIdOf = new Map(rows.map((r) => [`${r.columnId}:${r.position}`, r.id]));

	const links: { cardId: number; organizationId: number; role: 'lead' | 'partner' }[] = [];
	const assignees: { cardId: number; userId: number }[] = [];
	for (const { card, columnId, position } of planned) {
		const cardId = cardIdOf.get(`${columnId}:${position}`)!;
		const leadId = orgId(card.lead ?? board.owner);
		const partnerIds = (card.partners ?? []).map(orgId).filter((id) => id !== leadId);
		links.push({ cardId, organizationId: leadId, role: 'lead' });
		for (const id of new Set(partnerIds))
			links.push({ cardId, organizationId: id, role: 'partner' });
		// Only people of the card's organisations: an administrator may have moved someone since.
		const cardOrgs = new Set([leadId, ...partnerIds]);
		for (const email of card.assignees ?? []) {
			const id = userId(email);
			const orgs = id === null ? undefined : lookups.memberships.get(id);
			if (id !== null && orgs && [...orgs].some((o) => cardOrgs.has(o))) {
				assignees.push({ cardId, userId: id });
			}
		}
	}
	await trx.insertInto('cardOrganization').values(links).execute();
	if (assignees.length) await trx.insertInto('cardAssignee').values(assignees).execute();

	for (const { card, columnId, position, createdBy } of planned) {
		const cardId = cardIdOf.get(`${columnId}:${position}`)!;
		await recordEvent(trx, {
			actorId: createdBy,
			type: 'card.created',
			entityId: cardId,
			boardId,
			cardId,
			payload: { title: card.title, columnId }
		});
	}
	return planned.length;
}
