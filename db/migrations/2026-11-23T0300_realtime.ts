import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.

export async function up(db: Kysely<any>): Promise<void> {
	// Wakes the real-time publisher when events commit (NOTIFY is delivered at commit, and once
	// per transaction however many rows it inserted).
	await sql`
		create function notify_event_inserted() returns trigger language plpgsql as $$
		begin
			perform pg_notify('event_inserted', '');
			return null;
		end $$`.execute(db);
	await sql`
		create trigger event_inserted after insert on event
		for each statement execute function notify_event_inserted()`.execute(db);

	await db.schema
		.createTable('notification')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('type', 'text', (c) =>
			c.notNull().check(sql`type in ('assigned', 'mentioned', 'commented', 'due')`)
		)
		.addColumn('card_id', 'integer', (c) => c.notNull().references('card.id').onDelete('cascade'))
		.addColumn('comment_id', 'integer', (c) => c.references('comment.id').onDelete('cascade'))
		.addColumn('actor_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		// For 'due': the due date it warned of, so a changed date warns again and the same one once.
		.addColumn('due_date', 'date')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('read_at', 'timestamptz')
		.execute();
	await db.schema
		.createIndex('notification_user_id_idx')
		.on('notification')
		.columns(['user_id', 'id'])
		.execute();
	await sql`create unique index notification_due_key on notification (user_id, card_id, due_date) where type = 'due'`.execute(
		db
	);

	// For @socket.io/postgres-adapter (REALTIME_ADAPTER=postgres): messages between instances
	// over NOTIFY's 8 kB limit wait here. Ours are small; the adapter still cleans it up.
	await sql`
		create table socket_io_attachments (
			id bigserial unique,
			created_at timestamptz default now(),
			payload bytea
		)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('socket_io_attachments').execute();
	await db.schema.dropTable('notification').execute();
	await sql`drop trigger event_inserted on event`.execute(db);
	await sql`drop function notify_event_inserted()`.execute(db);
}
