import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../src/lib/server/db';
import { recordEvent } from '../../../src/lib/server/events/repository';

// What a database holds, table by table: its row count and an md5 of its rows in primary-key
// order (every column, as text), to compare a database with its restored backup.

export type Fingerprint = Record<string, { rows: number; md5: string }>;

export async function tableFingerprint(
	db: Db,
	table: string,
	where: RawBuilder<unknown> = sql`true`
): Promise<{ rows: number; md5: string }> {
	const { rows: keys } = await sql<{ column: string }>`
		select a.attname as column
		from pg_index i
		join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
		where i.indrelid = ${`public.${table}`}::regclass and i.indisprimary
		order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
	// A table without a primary key is ordered by its whole rows.
	const order = keys.length
		? sql.join(keys.map((k) => sql.ref(`t.${k.column}`)))
		: sql`t::text`;
	const { rows } = await sql<{ n: number | string; md5: string }>`
		select count(*) as n, md5(coalesce(string_agg(t::text, e'\n' order by ${order}), '')) as md5
		from ${sql.table(table)} t where ${where}`.execute(db);
	return { rows: Number(rows[0]!.n), md5: rows[0]!.md5 };
}

export async function fingerprint(db: Db): Promise<Fingerprint> {
	const { rows: tables } = await sql<{ name: string }>`
		select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(
		db
	);
	const result: Fingerprint = {};
	for (const { name } of tables) result[name] = await tableFingerprint(db, name);
	return result;
}

/** Rows beyond the seed: a card, a comment, a report, a notification and events for them. */
export async function addWorkRows(db: Db) {
	const column = await db
		.selectFrom('boardColumn')
		.innerJoin('board', 'board.id', 'boardColumn.boardId')
		.select(['boardColumn.id', 'boardColumn.boardId', 'board.ownerOrganizationId'])
		.orderBy('boardColumn.id')
		.executeTakeFirstOrThrow();
	const person = await db
		.selectFrom('user')
		.select('id')
		.orderBy('id')
		.executeTakeFirstOrThrow();
	const card = await db
		.insertInto('card')
		.values({
			boardId: column.boardId,
			columnId: column.id,
			title: 'Kopia zapasowa — karta próbna',
			description: 'Zażółć gęślą jaźń',
			position: 'zz',
			labels: ['kopia'],
			dueDate: '2027-03-01',
			createdBy: person.id
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('cardOrganization')
		.values({ cardId: card.id, organizationId: column.ownerOrganizationId, role: 'lead' })
		.execute();
	const comment = await db
		.insertInto('comment')
		.values({ cardId: card.id, authorId: person.id, body: 'Komentarz **próbny**' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('activityReport')
		.values({
			cardId: card.id,
			organizationId: column.ownerOrganizationId,
			authorId: person.id,
			status: 'submitted',
			periodStart: '2026-01-01',
			periodEnd: '2026-06-30',
			summary: 'Sprawozdanie próbne',
			participants: 12,
			links: ['https://torun.pl']
		})
		.execute();
	await db
		.insertInto('notification')
		.values({ userId: person.id, type: 'commented', cardId: card.id, commentId: comment.id })
		.execute();
	await recordEvent(db, {
		actorId: person.id,
		type: 'card.created',
		entityId: card.id,
		boardId: column.boardId,
		cardId: card.id,
		payload: { title: 'Kopia zapasowa — karta próbna', columnId: column.id }
	});
	await recordEvent(db, {
		actorId: person.id,
		type: 'comment.created',
		entityId: comment.id,
		boardId: column.boardId,
		cardId: card.id
	});
	return { cardId: card.id, userId: person.id };
}
