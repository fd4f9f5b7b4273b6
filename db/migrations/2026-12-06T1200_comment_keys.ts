import { type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// A comment form carries a key of its own, made in the browser for the text being sent. A send
// repeated with the same key (the connection broke after the server saved it; the browser posts
// a form again) finds the comment already there instead of writing it twice. Unique per author:
// NULLs (comments from before, or sent without a key) never collide.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('comment').addColumn('client_key', 'uuid').execute();
	await db.schema
		.createIndex('comment_author_client_key')
		.on('comment')
		.columns(['author_id', 'client_key'])
		.unique()
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('comment_author_client_key').execute();
	await db.schema.alterTable('comment').dropColumn('client_key').execute();
}
