import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// Reports' reviewers hear of a submitted report, and its author of a return or an acceptance: three
// more kinds of notification, each naming the report (a card may hold several), so that a notice
// leads to the exact report and a return shows its reason.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table notification drop constraint notification_type_check`.execute(db);
	await sql`alter table notification add constraint notification_type_check check (type in
		('assigned', 'mentioned', 'commented', 'due', 'report_submitted', 'report_returned', 'report_accepted'))`.execute(
		db
	);
	await db.schema
		.alterTable('notification')
		.addColumn('report_id', 'integer', (c) =>
			c.references('activity_report.id').onDelete('cascade')
		)
		.execute();
	await db.schema
		.createIndex('notification_report_id_idx')
		.on('notification')
		.column('report_id')
		.execute();
	await sql`alter table notification add constraint notification_report_check
		check ((type in ('report_submitted', 'report_returned', 'report_accepted')) = (report_id is not null))`.execute(
		db
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db
		.deleteFrom('notification')
		.where('type', 'in', ['report_submitted', 'report_returned', 'report_accepted'])
		.execute();
	await sql`alter table notification drop constraint notification_report_check`.execute(db);
	await db.schema.alterTable('notification').dropColumn('report_id').execute();
	await sql`alter table notification drop constraint notification_type_check`.execute(db);
	await sql`alter table notification add constraint notification_type_check check (type in
		('assigned', 'mentioned', 'commented', 'due'))`.execute(db);
}
