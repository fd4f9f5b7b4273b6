import { type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// The quick add form carries a key of its own, made in the browser for the title being sent, as
// the comment form does (2026-12-06T1200_comment_keys): a send repeated with the same key finds
// the card already made instead of making a second one. Unique per creator; NULLs never collide.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('card').addColumn('client_key', 'uuid').execute();
	await db.schema
		.createIndex('card_creator_client_key')
		.on('card')
		.columns(['created_by', 'client_key'])
		.unique()
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('card_creator_client_key').execute();
	await db.schema.alterTable('card').dropColumn('client_key').execute();
}
