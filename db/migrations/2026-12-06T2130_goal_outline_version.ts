import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// Every board page sends its strategy's outline (the goals' ids, codes, titles and places): the
// tiles' goal chains, the goal filter and the card dialog's picker read it. It changes only when
// the goal editor or an import changes goals, so the app keeps it in memory, read again when the
// strategy's outline_version has moved. Triggers move it in the same transaction as the change,
// whichever instance or tool made it, so no instance can serve an outline older than the version
// it read with the board.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('strategy')
		.addColumn('outline_version', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// Once per statement, not per row: an import or the seed writes hundreds of goals at once.
	await sql`
		create function goal_outline_changed() returns trigger language plpgsql as $$
		begin
			if tg_op = 'INSERT' then
				update strategy set outline_version = outline_version + 1
				where id in (select strategy_id from new_goals);
			elsif tg_op = 'DELETE' then
				update strategy set outline_version = outline_version + 1
				where id in (select strategy_id from old_goals);
			else
				update strategy set outline_version = outline_version + 1
				where id in (select strategy_id from new_goals union select strategy_id from old_goals);
			end if;
			return null;
		end $$`.execute(db);
	await sql`create trigger goal_outline_inserted after insert on goal
		referencing new table as new_goals
		for each statement execute function goal_outline_changed()`.execute(db);
	await sql`create trigger goal_outline_updated after update on goal
		referencing old table as old_goals new table as new_goals
		for each statement execute function goal_outline_changed()`.execute(db);
	await sql`create trigger goal_outline_deleted after delete on goal
		referencing old table as old_goals
		for each statement execute function goal_outline_changed()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger goal_outline_deleted on goal`.execute(db);
	await sql`drop trigger goal_outline_updated on goal`.execute(db);
	await sql`drop trigger goal_outline_inserted on goal`.execute(db);
	await sql`drop function goal_outline_changed()`.execute(db);
	await db.schema.alterTable('strategy').dropColumn('outline_version').execute();
}
