import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// The event table is the audit log: append-only. A trigger refuses to change or delete its rows,
// whoever asks (the table's owner included, and on the embedded database too). The one change
// let through is the database's own: a person's row removed sets their events' actor to null.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		create function event_append_only() returns trigger language plpgsql as $$
		begin
			if tg_op = 'UPDATE'
				and new.actor_id is null
				and (new.id, new.occurred_at, new.type, new.entity_type, new.entity_id, new.board_id,
					new.card_id, new.payload)
					is not distinct from (old.id, old.occurred_at, old.type, old.entity_type,
					old.entity_id, old.board_id, old.card_id, old.payload)
			then
				return new;
			end if;
			raise exception 'the event table is append-only: % refused', tg_op
				using errcode = 'insufficient_privilege';
		end $$`.execute(db);
	await sql`
		create trigger event_append_only before update or delete on event
		for each row execute function event_append_only()`.execute(db);
	await sql`
		create trigger event_no_truncate before truncate on event
		for each statement execute function event_append_only()`.execute(db);
	// Where the app's role is not the table's owner, it also lacks the privilege to try.
	await sql`revoke update, delete, truncate on event from public`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger event_no_truncate on event`.execute(db);
	await sql`drop trigger event_append_only on event`.execute(db);
	await sql`drop function event_append_only()`.execute(db);
}
