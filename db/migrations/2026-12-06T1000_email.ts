import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// E-mail: an outbox of messages (written by a job from committed notifications, sent by another
// with retries), each person's choice per kind of message, and the key that signs unsubscribe
// links. A notification remembers what e-mail made of it, so none is mailed twice or skipped.

export async function up(db: Kysely<any>): Promise<void> {
	// A card given to an organisation (its lead) tells that organisation's managers.
	await sql`alter table notification drop constraint notification_type_check`.execute(db);
	await sql`alter table notification add constraint notification_type_check check (type in
		('assigned', 'org_assigned', 'mentioned', 'commented', 'due', 'report_submitted', 'report_returned', 'report_accepted'))`.execute(
		db
	);
	// null: not yet looked at; 'queued': its own message is written; 'digest': waits for the
	// day's digest; 'digested': in one; 'skipped': no message (the person's choice, no access).
	await db.schema.alterTable('notification').addColumn('email_state', 'text').execute();
	await sql`alter table notification add constraint notification_email_state_check
		check (email_state in ('queued', 'digest', 'digested', 'skipped'))`.execute(db);
	// What was there before e-mail existed is old news: it is not mailed now.
	await sql`update notification set email_state = 'skipped'`.execute(db);
	await sql`create index notification_email_new_idx on notification (id) where email_state is null`.execute(
		db
	);
	await sql`create index notification_email_digest_idx on notification (user_id) where email_state = 'digest'`.execute(
		db
	);

	await db.schema
		.createTable('email_message')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		// What it was made from: `notification:<id>` or `digest:<user>:<day>`; made once.
		.addColumn('source', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('pl', 'en')`))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('html', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('queued', 'kept', 'sending', 'sent', 'failed')`)
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('lease_until', 'timestamptz')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('sent_at', 'timestamptz')
		.execute();
	await sql`create index email_message_due_idx on email_message (next_attempt_at)
		where status in ('queued', 'sending')`.execute(db);
	await db.schema
		.createIndex('email_message_user_id_idx')
		.on('email_message')
		.column('user_id')
		.execute();

	await db.schema
		.createTable('email_preference')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('mode', 'text', (c) =>
			c.notNull().check(sql`mode in ('immediate', 'daily', 'never')`)
		)
		.addPrimaryKeyConstraint('email_preference_pkey', ['user_id', 'kind'])
		.execute();

	// One row: the key of the unsubscribe links' signatures, made by the app on first use.
	await db.schema
		.createTable('email_secret')
		.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
		.addColumn('secret', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('email_secret').execute();
	await db.schema.dropTable('email_preference').execute();
	await db.schema.dropTable('email_message').execute();
	await sql`drop index notification_email_digest_idx`.execute(db);
	await sql`drop index notification_email_new_idx`.execute(db);
	await db.schema.alterTable('notification').dropColumn('email_state').execute();
	await db.deleteFrom('notification').where('type', '=', 'org_assigned').execute();
	await sql`alter table notification drop constraint notification_type_check`.execute(db);
	await sql`alter table notification add constraint notification_type_check check (type in
		('assigned', 'mentioned', 'commented', 'due', 'report_submitted', 'report_returned', 'report_accepted'))`.execute(
		db
	);
}
