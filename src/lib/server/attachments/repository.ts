import { sql } from 'kysely';
import type { Db } from '../db';
import type { AttachmentTable } from '../db/schema';
import type { Insertable } from 'kysely';

// The attachment rows. Their bytes are the file store's (../files/store.ts).

const COLUMNS = [
	'attachment.id',
	'attachment.key',
	'attachment.cardId',
	'attachment.reportId',
	'attachment.commentId',
	'attachment.name',
	'attachment.mime',
	'attachment.size',
	'attachment.width',
	'attachment.height',
	'attachment.hasThumbnail',
	'attachment.createdAt'
] as const;

function withUploader(db: Db) {
	return db
		.selectFrom('attachment')
		.leftJoin('user', 'user.id', 'attachment.uploaderId')
		.select([...COLUMNS, 'user.name as uploaderName']);
}

/** A card's own attachments (not its reports' or comments'), newest first, with who attached each. */
export function listAttachmentRows(db: Db, cardId: number) {
	return withUploader(db)
		.where('attachment.cardId', '=', cardId)
		.where('attachment.reportId', 'is', null)
		.where('attachment.commentId', 'is', null)
		.orderBy('attachment.createdAt', 'desc')
		.orderBy('attachment.id', 'desc')
		.execute();
}

/** Every file of a card: its own, its reports' and its comments', oldest first. */
export function listAllRowsOfCard(db: Db, cardId: number) {
	return withUploader(db)
		.where('attachment.cardId', '=', cardId)
		.orderBy('attachment.id')
		.execute();
}

/** The files of some reports or comments of one card, oldest first (in the order they came). */
export function listOwnedRows(
	db: Db,
	cardId: number,
	owner: 'reportId' | 'commentId',
	ids: number[]
) {
	return withUploader(db)
		.where('attachment.cardId', '=', cardId)
		.where(`attachment.${owner}`, 'in', ids)
		.orderBy('attachment.id')
		.execute();
}

/** What a person uploaded, for their data export: what and where, not the bytes. */
export function listAttachmentsBy(db: Db, uploaderId: number) {
	return db
		.selectFrom('attachment')
		.select(['id', 'cardId', 'reportId', 'commentId', 'name', 'mime', 'size', 'createdAt'])
		.where('uploaderId', '=', uploaderId)
		.orderBy('id')
		.execute();
}

/**
 * Takes the organisation's row for the rest of the transaction: the quota check and the insert
 * after it run one organisation's uploads one at a time, so two cannot both fit the last room.
 */
export async function lockOrganization(db: Db, organizationId: number) {
	await db
		.selectFrom('organization')
		.select('id')
		.where('id', '=', organizationId)
		.forUpdate()
		.execute();
}

/** A report's state, its row held until the transaction ends (a submit waits for the file). */
export function lockedReport(db: Db, reportId: number) {
	return db
		.selectFrom('activityReport')
		.select(['id', 'status', 'authorId'])
		.where('id', '=', reportId)
		.forUpdate()
		.executeTakeFirst();
}

/** A comment, its row held until the transaction ends (a delete waits for the file). */
export function lockedComment(db: Db, commentId: number) {
	return db
		.selectFrom('comment')
		.select(['id', 'deletedAt', 'authorId'])
		.where('id', '=', commentId)
		.forUpdate()
		.executeTakeFirst();
}

/** The rows of a comment's files, removed with it (their bytes are the caller's to remove). */
export async function deleteCommentAttachments(db: Db, commentId: number) {
	return db
		.deleteFrom('attachment')
		.where('commentId', '=', commentId)
		.returning(['id', 'key', 'name'])
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
