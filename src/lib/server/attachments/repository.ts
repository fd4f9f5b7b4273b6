import { sql } from 'kysely';
import type { Db } from '../db';
import type { AttachmentTable } from '../db/schema';
import type { Insertable } from 'kysely';

// The attachment rows. Their bytes are the file store's (../files/store.ts).

const COLUMNS = [
	'attachment.id',
	'attachment.key',
	'attachment.cardId',
	'attachment.name',
	'attachment.mime',
	'attachment.size',
	'attachment.width',
	'attachment.height',
	'attachment.hasThumbnail',
	'attachment.createdAt'
] as const;

/** A card's attachments, newest first, with who attached each. */
export function listAttachmentRows(db: Db, cardId: number) {
	return db
		.selectFrom('attachment')
		.leftJoin('user', 'user.id', 'attachment.uploaderId')
		.select([...COLUMNS, 'user.name as uploaderName'])
		.where('attachment.cardId', '=', cardId)
		.orderBy('attachment.createdAt', 'desc')
		.orderBy('attachment.id', 'desc')
		.execute();
}

export function findAttachmentByKey(db: Db, key: string) {
	return db
		.selectFrom('attachment')
		.select([...COLUMNS, 'attachment.organizationId'])
		.where('attachment.key', '=', key)
		.executeTakeFirst();
}

export function findAttachment(db: Db, cardId: number, id: number) {
	return db
		.selectFrom('attachment')
		.select([...COLUMNS, 'attachment.organizationId'])
		.where('attachment.cardId', '=', cardId)
		.where('attachment.id', '=', id)
		.executeTakeFirst();
}

export function insertAttachment(db: Db, row: Insertable<AttachmentTable>) {
	return db.insertInto('attachment').values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

export async function deleteAttachmentRow(db: Db, id: number) {
	await db.deleteFrom('attachment').where('id', '=', id).execute();
}

/** The bytes an organisation's attachments take. */
export async function usedBy(db: Db, organizationId: number): Promise<number> {
	const row = await db
		.selectFrom('attachment')
		.select(sql<number>`coalesce(sum(size), 0)::float8`.as('used'))
		.where('organizationId', '=', organizationId)
		.executeTakeFirstOrThrow();
	return Number(row.used);
}

/** Every key the table knows (thumbnails are `<key>.thumb.webp`), for the orphan sweep. */
export async function allKeys(db: Db): Promise<Set<string>> {
	const rows = await db.selectFrom('attachment').select('key').execute();
	return new Set(rows.map((r) => r.key));
}

export async function updateCover(db: Db, cardId: number, attachmentId: number | null) {
	await db
		.updateTable('card')
		.set({ coverAttachmentId: attachmentId })
		.where('id', '=', cardId)
		.execute();
}
