import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// Reporting cycles: the coordinator opens a monitoring period of a strategy (the period covered, a
// deadline, optionally only some goals); the lead organisation of every card active in it must
// report. A report belongs to a cycle by its period (it overlaps the cycle's), so the report forms
// and their table do not change. Closing a cycle keeps a snapshot of the figures at that moment.
// Reminders go to the members of organisations whose reports are not in, each (cycle,
// organisation, person, step) once: the reminder table's key. A reminder notification names its
// cycle instead of a card, so notification.card_id may now be null for that one type.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('reporting_cycle')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('strategy_id', 'integer', (c) =>
			c.notNull().references('strategy.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('period_end', 'date', (c) => c.notNull())
		.addColumn('deadline', 'date', (c) => c.notNull())
		// Empty: every goal of the strategy; otherwise these goals and the goals below them.
		.addColumn('goal_ids', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'::integer[]`))
		// Days before the deadline, and after it, on which the reminders go out.
		.addColumn('remind_before', sql`integer[]`, (c) =>
			c.notNull().defaultTo(sql`'{14,3}'::integer[]`)
		)
		.addColumn('remind_after', sql`integer[]`, (c) =>
			c.notNull().defaultTo(sql`'{1,7}'::integer[]`)
		)
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open', 'closed')`)
		)
		.addColumn('opened_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('closed_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('closed_at', 'timestamptz')
		// At close: the monitoring report's figures, the accepted reports and indicator values.
		.addColumn('snapshot', 'jsonb')
		.addCheckConstraint('reporting_cycle_period_check', sql`period_start <= period_end`)
		.addCheckConstraint('reporting_cycle_deadline_check', sql`deadline >= period_end`)
		.addCheckConstraint(
			'reporting_cycle_closed_check',
			sql`(status = 'closed') = (closed_at is not null and snapshot is not null)`
		)
		.execute();
	await db.schema
		.createIndex('reporting_cycle_strategy_id_idx')
		.on('reporting_cycle')
		.columns(['strategy_id', 'period_start'])
		.execute();

	await sql`alter table notification drop constraint notification_type_check`.execute(db);
	await sql`alter table notification add constraint notification_type_check check (type in
		('assigned', 'org_assigned', 'mentioned', 'commented', 'due', 'report_submitted', 'report_returned', 'report_accepted', 'cycle_reminder'))`.execute(
		db
	);
	await db.schema
		.alterTable('notification')
		.addColumn('cycle_id', 'integer', (c) => c.references('reporting_cycle.id').onDelete('cascade'))
		.execute();
	await sql`alter table notification alter column card_id drop not null`.execute(db);
	await sql`alter table notification add constraint notification_cycle_check
		check ((type = 'cycle_reminder') = (cycle_id is not null)
			and (card_id is not null or type = 'cycle_reminder'))`.execute(db);
	await db.schema
		.createIndex('notification_cycle_id_idx')
		.on('notification')
		.column('cycle_id')
		.execute();

	await db.schema
		.createTable('reporting_cycle_reminder')
		.addColumn('cycle_id', 'integer', (c) =>
			c.notNull().references('reporting_cycle.id').onDelete('cascade')
		)
		.addColumn('organization_id', 'integer', (c) =>
			c.notNull().references('organization.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		// 'before:14', 'after:1': which of the cycle's reminders this is.
		.addColumn('step', 'text', (c) => c.notNull())
		.addColumn('notification_id', 'integer', (c) =>
			c.references('notification.id').onDelete('set null')
		)
		// How many of the organisation's cards were still to report when it was written.
		.addColumn('outstanding', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addPrimaryKeyConstraint('reporting_cycle_reminder_pkey', [
			'cycle_id',
			'organization_id',
			'user_id',
			'step'
		])
		.execute();
	await db.schema
		.createIndex('reporting_cycle_reminder_notification_id_idx')
		.on('reporting_cycle_reminder')
		.column('notification_id')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('reporting_cycle_reminder').execute();
	await db.deleteFrom('notification').where('type', '=', 'cycle_reminder').execute();
	await sql`alter table notification drop constraint notification_cycle_check`.execute(db);
	await sql`alter table notification alter column card_id set not null`.execute(db);
	await db.schema.alterTable('notification').dropColumn('cycle_id').execute();
	await sql`alter table notification drop constraint notification_type_check`.execute(db);
	await sql`alter table notification add constraint notification_type_check check (type in
		('assigned', 'org_assigned', 'mentioned', 'commented', 'due', 'report_submitted', 'report_returned', 'report_accepted'))`.execute(
		db
	);
	await db.schema.dropTable('reporting_cycle').execute();
}
