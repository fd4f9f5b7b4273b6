import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// A file may belong to an activity report (its evidence) or to a comment as well as to a card.
// `card_id` stays on every row: it is the file's anchor for visibility (the report's and the
// comment's card) and for the card's room hearing of it. At most one of the two owners is set;
// neither means a file of the card itself. Both go with their owner's row.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('attachment')
		.addColumn('report_id', 'integer', (c) =>
			c.references('activity_report.id').onDelete('cascade')
		)
		.execute();
	await db.schema
		.alterTable('attachment')
		.addColumn('comment_id', 'integer', (c) => c.references('comment.id').onDelete('cascade'))
		.execute();
	await db.schema
		.alterTable('attachment')
		.addCheckConstraint('attachment_one_owner_check', sql`report_id is null or comment_id is null`)
		.execute();
	await db.schema
		.createIndex('attachment_report_id_idx')
		.on('attachment')
		.column('report_id')
		.where(sql.ref('report_id'), 'is not', null)
		.execute();
	await db.schema
		.createIndex('attachment_comment_id_idx')
		.on('attachment')
		.column('comment_id')
		.where(sql.ref('comment_id'), 'is not', null)
		.execute();
	await db.schema
		.createIndex('attachment_uploader_id_idx')
		.on('attachment')
		.column('uploader_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('attachment_uploader_id_idx').execute();
	await db.schema.dropIndex('attachment_comment_id_idx').execute();
	await db.schema.dropIndex('attachment_report_id_idx').execute();
	await db.schema.alterTable('attachment').dropConstraint('attachment_one_owner_check').execute();
	await db.schema.alterTable('attachment').dropColumn('comment_id').execute();
	await db.schema.alterTable('attachment').dropColumn('report_id').execute();
}
