import { sql, type Insertable, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { visible, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import type { CardTable } from '../db/schema';
import type { eventRow } from '../events/repository';

// One card at a time: what its page, its access check and its moves read.

export async function listAssignees(db: Db, cardIds: number[]) {
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
export async function findCard(db: Db, id: number) {
	// One statement: a card is read on every move and edit.
	const card = await db
		.selectFrom('card')
		.selectAll('card')
		.select((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('cardOrganization')
					.innerJoin('organization', 'organization.id', 'cardOrganization.organizationId')
					.select([
						'organization.id',
						'organization.name',
						'organization.shortName',
						'organization.kind',
						'cardOrganization.role'
					])
					.whereRef('cardOrganization.cardId', '=', 'card.id')
					.orderBy('cardOrganization.role')
					.orderBy('organization.name')
			).as('orgs'),
			jsonArrayFrom(
				eb
					.selectFrom('cardAssignee')
					.innerJoin('user', 'user.id', 'cardAssignee.userId')
					.select(['user.id', 'user.name'])
					.whereRef('cardAssignee.cardId', '=', 'card.id')
					.orderBy('user.name')
			).as('assignees')
		])
		.where('card.id', '=', id)
		.executeTakeFirst();
	if (!card) return undefined;
	return {
		...card,
		leadId: card.orgs.find((o) => o.role === 'lead')?.id ?? null,
		partnerIds: card.orgs.filter((o) => o.role === 'partner').map((o) => o.id)
	};
}

/**
 * Everything a move needs to know of its target, in one statement: the column, the position of
 * the card it goes after (null when that card is not in the column or the viewer may not see it:
 * a hidden card is answered as a missing one, so a move cannot probe where it is), the next
 * position after that (the moving card aside, hidden cards included: keys stay distinct), and,
 * when asked, how many live cards the column holds.
 */
export function findMoveTarget(
	db: Db,
	viewer: Viewer,
	target: { columnId: number; afterId: number | null; cardId: number; countLive: boolean }
) {
	const { columnId, afterId, cardId } = target;
	const afterPosition = sql<string | null>`(select a.position from card a
		where a.id = ${afterId}::int and a.column_id = col.id
		and a.id in (${visible.cardIds(db, viewer).where('card.id', '=', afterId ?? 0)}))`;
	return db
		.selectFrom('boardColumn as col')
		.select([
			'col.id',
			'col.boardId',
			'col.title',
			'col.wipLimit',
			afterPosition.as('afterPosition'),
			sql<string | null>`(select min(n.position) from card n
				where n.column_id = col.id and n.id <> ${cardId}
				and n.position > coalesce(${afterPosition}, ''))`.as('nextPosition'),
			target.countLive
				? sql<number>`(select count(*)::int from card l
					where l.column_id = col.id and l.archived_at is null)`.as('liveCount')
				: sql<number>`0`.as('liveCount')
		])
		.where('col.id', '=', columnId)
		.executeTakeFirst();
}

export function findColumn(db: Db, id: number) {
	return db.selectFrom('boardColumn').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The goal with its ancestors, top down: the chain a card shows (strategic → operational → task). */
export async function goalChain(db: Db, goalId: number) {
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

/** The board a card sits on, or undefined when there is no such card. */
export function findCardBoard(db: Db, cardId: number) {
	return db.selectFrom('card').select('boardId').where('id', '=', cardId).executeTakeFirst();
}

/** Inserts the card; undefined when its creator already made one with the same client key. */
export function insertCard(db: Db, values: Insertable<CardTable>) {
	return db
		.insertInto('card')
		.values(values)
		.onConflict((oc) => oc.columns(['createdBy', 'clientKey']).doNothing())
		.returning(['id', 'version'])
		.executeTakeFirst();
}

/** The card `createdBy` made on this board with `clientKey`, if any. */
export function findCardByClientKey(db: Db, boardId: number, createdBy: number, clientKey: string) {
	return db
		.selectFrom('card')
		.select(['id', 'version'])
		.where('boardId', '=', boardId)
		.where('createdBy', '=', createdBy)
		.where('clientKey', '=', clientKey)
		.executeTakeFirst();
}

export async function insertLead(db: Db, cardId: number, organizationId: number) {
	await db
		.insertInto('cardOrganization')
		.values({ cardId, organizationId, role: 'lead' })
		.execute();
}

/** Writes a card's editable fields if it is still at `version`; undefined when it is not. */
export function updateCardFields(
	db: Db,
	cardId: number,
	version: number,
	fields: Required<
		Pick<
			Updateable<CardTable>,
			| 'title'
			| 'description'
			| 'goalId'
			| 'priority'
			| 'labels'
			| 'startDate'
			| 'dueDate'
			| 'isPublic'
		>
	>
) {
	return db
		.updateTable('card')
		.set({
			title: fields.title,
			description: fields.description,
			goalId: fields.goalId,
			priority: fields.priority,
			labels: fields.labels,
			startDate: fields.startDate,
			dueDate: fields.dueDate,
			isPublic: fields.isPublic,
			version: version + 1,
			updatedAt: new Date()
		})
		.where('id', '=', cardId)
		.where('version', '=', version)
		.returning(['id', 'version'])
		.executeTakeFirst();
}

/**
 * Moves a card (if it is still at `version`) and writes its event, in one statement: the event
 * is written only if the update found the card. Undefined when it did not.
 */
export function moveCardWithEvent(
	db: Db,
	move: { cardId: number; version: number; columnId: number; position: string },
	event: ReturnType<typeof eventRow>
) {
	const { cardId, version, columnId, position } = move;
	return db
		.with('moved', (qb) =>
			qb
				.updateTable('card')
				.set({ columnId, position, version: version + 1, updatedAt: new Date() })
				.where('id', '=', cardId)
				.where('version', '=', version)
				.returning(['id', 'boardId'])
		)
		.insertInto('event')
		.columns(['actorId', 'type', 'entityType', 'entityId', 'boardId', 'cardId', 'payload'])
		.expression((eb) =>
			eb
				.selectFrom('moved')
				.select([
					eb.val(event.actorId).as('actorId'),
					eb.val(event.type).as('type'),
					eb.val(event.entityType).as('entityType'),
					'moved.id as entityId',
					'moved.boardId',
					'moved.id as cardId',
					sql<string>`${event.payload}::jsonb`.as('payload')
				])
		)
		.returning('id')
		.executeTakeFirst();
}

/** Archives or restores a card if it is still at `version`; undefined when it is not. */
export function setCardArchived(db: Db, cardId: number, version: number, archived: boolean) {
	return db
		.updateTable('card')
		.set({
			archivedAt: archived ? new Date() : null,
			version: version + 1,
			updatedAt: new Date()
		})
		.where('id', '=', cardId)
		.where('version', '=', version)
		.returning(['id', 'version'])
		.executeTakeFirst();
}
