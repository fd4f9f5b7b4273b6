import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// A board's colour for each of its labels, chosen by its managers: label → palette name. Kept on
// the board (not per card) so that one label reads the same on every card of the board.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('board')
		.addColumn('label_colours', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('board').dropColumn('label_colours').execute();
}
