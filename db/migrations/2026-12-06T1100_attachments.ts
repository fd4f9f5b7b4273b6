import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// Files attached to cards. The bytes live in the file store (a directory under DATA_DIR by
// default) under `key`, a random id that no one can guess; the row says whose and what it is.
// `organization_id` is the organisation whose quota the file counts against (the card's lead at
// upload time, or the board's owner). A card may show one of its images as its cover.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('attachment')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('card_id', 'integer', (c) => c.notNull().references('card.id').onDelete('cascade'))
		.addColumn('organization_id', 'integer', (c) =>
			c.references('organization.id').onDelete('set null')
		)
		.addColumn('uploader_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
		.addColumn('width', 'integer')
		.addColumn('height', 'integer')
		.addColumn('has_thumbnail', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('attachment_key_key', ['key'])
		.execute();
	await db.schema
		.createIndex('attachment_card_id_idx')
		.on('attachment')
		.column('card_id')
		.execute();
	await db.schema
		.createIndex('attachment_organization_id_idx')
		.on('attachment')
		.column('organization_id')
		.execute();
	await db.schema
		.alterTable('card')
		.addColumn('cover_attachment_id', 'integer', (c) =>
			c.references('attachment.id').onDelete('set null')
		)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('card').dropColumn('cover_attachment_id').execute();
	await db.schema.dropTable('attachment').execute();
}
