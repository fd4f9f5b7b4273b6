import { type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// The event log read by who acted: the desk's recent boards (on every home page), the audit log's
// filter and list of people, a person's data export. Without an index each is a scan of the whole
// log, which only grows.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('event_actor_id_idx')
		.on('event')
		.columns(['actor_id', 'id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('event_actor_id_idx').execute();
}
