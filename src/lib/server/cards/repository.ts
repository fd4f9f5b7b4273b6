import { sql, type Kysely, type Transaction } from 'kysely';
import type { Viewer } from '../auth/policy';
import { cardVisibleTo } from '../boards/repository';
import type { Database } from '../db/schema';

type Executor = Kysely<Database> | Transaction<Database>;

/** The live cards of a board the viewer may see, in column order, with what a tile shows. */
export async function listBoardCards(db: Executor, boardId: number, viewer: Viewer) {
	const cards = await db
		.selectFrom('card')
		.leftJoin('goal', 'goal.id', 'card.goalId')
		.leftJoin('cardOrganization as lead', (join) =>
			join.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.leftJoin('organization as leadOrg', 'leadOrg.id', 'lead.organizationId')
		.select([
			'card.id',
			'card.columnId',
			'card.title',
			'card.position',
			'card.version',
			'card.priority',
			'card.labels',
			'card.startDate',
			'card.dueDate',
			'goal.code as goalCode',
			'goal.title as goalTitle',
			'leadOrg.name as leadName',
			'leadOrg.shortName as leadShortName'
		])
		.where('card.boardId', '=', boardId)
		.where('card.archivedAt', 'is', null)
		.where(cardVisibleTo(viewer))
		.orderBy('card.position')
		.orderBy('card.id')
		.execute();
	const assignees = await listAssignees(
		db,
		cards.map((c) => c.id)
	);
	return cards.map((c) => ({ ...c, assignees: assignees.get(c.id) ?? [] }));
}

async function listAssignees(db: Executor, cardIds: number[]) {
	const byCard = new Map<number, { id: number; name: string }[]>();
	if (cardIds.length === 0) return byCard;
	const rows = await db
		.selectFrom('cardAssignee')
		.innerJoin('user', 'user.id', 'cardAssignee.userId')
		.select(['cardAssignee.cardId', 'user.id', 'user.name'])
		.where('cardAssignee.cardId', 'in', cardIds)
		.orderBy('user.name')
		.execute();
	for (const row of rows) {
		const list = byCard.get(row.cardId) ?? [];
		list.push({ id: row.id, name: row.name });
		byCard.set(row.cardId, list);
	}
	return byCard;
}

/** A card with the facts the access rules need (its organisations), or undefined. */
export async function findCard(db: Executor, id: number) {
	const card = await db.selectFrom('card').selectAll().where('id', '=', id).executeTakeFirst();
	if (!card) return undefined;
	const orgs = await db
		.selectFrom('cardOrganization')
		.innerJoin('organization', 'organization.id', 'cardOrganization.organizationId')
		.select(['organization.id', 'organization.name', 'organization.kind', 'cardOrganization.role'])
		.where('cardOrganization.cardId', '=', id)
		.orderBy('cardOrganization.role')
		.orderBy('organization.name')
		.execute();
	const assignees = (await listAssignees(db, [id])).get(id) ?? [];
	return {
		...card,
		orgs,
		assignees,
		leadId: orgs.find((o) => o.role === 'lead')?.id ?? null,
		partnerIds: orgs.filter((o) => o.role === 'partner').map((o) => o.id)
	};
}

export function findColumn(db: Executor, id: number) {
	return db.selectFrom('boardColumn').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The smallest position in a column after `after` (null: the first), the moving card aside. */
export async function nextPosition(
	db: Executor,
	columnId: number,
	after: string | null,
	exceptCardId: number | null
) {
	const row = await db
		.selectFrom('card')
		.select('position')
		.where('columnId', '=', columnId)
		.$if(after !== null, (qb) => qb.where('position', '>', after!))
		.$if(exceptCardId !== null, (qb) => qb.where('id', '!=', exceptCardId!))
		.orderBy('position')
		.limit(1)
		.executeTakeFirst();
	return row?.position ?? null;
}

/** The last position in a column, for a card added at its end. */
export async function lastPosition(db: Executor, columnId: number) {
	const row = await db
		.selectFrom('card')
		.select('position')
		.where('columnId', '=', columnId)
		.orderBy('position', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row?.position ?? null;
}

export async function countLiveCards(db: Executor, columnId: number) {
	const row = await db
		.selectFrom('card')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('columnId', '=', columnId)
		.where('archivedAt', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The goal with its ancestors, top down: the chain a card shows (strategic → operational → task). */
export async function goalChain(db: Executor, goalId: number) {
	const rows = await sql<{
		id: number;
		parentId: number | null;
		level: string;
		code: string | null;
		title: string;
		strategyId: number;
		depth: number;
	}>`
		with recursive chain as (
			select id, parent_id, level, code, title, strategy_id, 0 as depth from goal where id = ${goalId}
			union all
			select g.id, g.parent_id, g.level, g.code, g.title, g.strategy_id, chain.depth + 1
			from goal g join chain on g.id = chain.parent_id
		)
		select id, parent_id as "parentId", level, code, title, strategy_id as "strategyId", depth
		from chain order by depth desc`.execute(db);
	return rows.rows;
}
