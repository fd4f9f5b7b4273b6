import type { Db } from '../db';
import type { EmailMode } from '../db/schema';

// E-mail's own rows: preferences, the signing key, and the outbox as administrators read it.

export async function insertSecretOnce(db: Db, secret: string): Promise<string> {
	await db
		.insertInto('emailSecret')
		.values({ id: 1, secret })
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
	const row = await db
		.selectFrom('emailSecret')
		.select('secret')
		.where('id', '=', 1)
		.executeTakeFirstOrThrow();
	return row.secret;
}

export function preferenceRows(db: Db, userIds: readonly number[]) {
	return db
		.selectFrom('emailPreference')
		.select(['userId', 'kind', 'mode'])
		.where('userId', 'in', userIds)
		.execute();
}

export async function upsertPreferences(
	db: Db,
	rows: readonly { userId: number; kind: string; mode: EmailMode }[]
) {
	if (rows.length === 0) return;
	await db
		.insertInto('emailPreference')
		.values([...rows])
		.onConflict((oc) =>
			oc.columns(['userId', 'kind']).doUpdateSet((eb) => ({ mode: eb.ref('excluded.mode') }))
		)
		.execute();
}

/** An enabled account's address and language, for the unsubscribe page. */
export function enabledUser(db: Db, userId: number) {
	return db
		.selectFrom('user')
		.select(['email', 'locale'])
		.where('id', '=', userId)
		.where('disabledAt', 'is', null)
		.executeTakeFirst();
}

export function outboxPage(db: Db, limit: number, before?: number) {
	let query = db
		.selectFrom('emailMessage')
		.select([
			'id',
			'address',
			'kind',
			'subject',
			'status',
			'attempts',
			'lastError',
			'nextAttemptAt',
			'createdAt',
			'sentAt'
		])
		.orderBy('id', 'desc')
		.limit(limit);
	if (before) query = query.where('id', '<', before);
	return query.execute();
}

export function outboxMessage(db: Db, id: number) {
	return db.selectFrom('emailMessage').selectAll().where('id', '=', id).executeTakeFirst();
}
