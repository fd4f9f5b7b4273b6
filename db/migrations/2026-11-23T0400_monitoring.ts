import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.
// Monitoring: indicators on goals with their values, and partners' activity reports on cards.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('indicator')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('goal_id', 'integer', (c) => c.notNull().references('goal.id').onDelete('restrict'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('baseline_value', 'double precision', (c) => c.notNull())
		.addColumn('baseline_year', 'integer', (c) => c.notNull())
		.addColumn('target_value', 'double precision', (c) => c.notNull())
		.addColumn('target_year', 'integer', (c) => c.notNull())
		.addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('up', 'down')`))
		// How values add up over a period: reports' values summed, or the latest one counts.
		.addColumn('aggregation', 'text', (c) =>
			c.notNull().check(sql`aggregation in ('sum', 'latest')`)
		)
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('frequency', 'text', (c) =>
			c.notNull().check(sql`frequency in ('monthly', 'quarterly', 'yearly')`)
		)
		.addColumn('responsible_organization_id', 'integer', (c) =>
			c.references('organization.id').onDelete('restrict')
		)
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('indicator_years_check', sql`target_year >= baseline_year`)
		.execute();
	await db.schema.createIndex('indicator_goal_id_idx').on('indicator').column('goal_id').execute();

	await db.schema
		.createTable('activity_report')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('card_id', 'integer', (c) => c.notNull().references('card.id').onDelete('cascade'))
		// The organisation reporting: one taking part in the card.
		.addColumn('organization_id', 'integer', (c) =>
			c.notNull().references('organization.id').onDelete('restrict')
		)
		.addColumn('author_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('draft', 'submitted', 'accepted', 'returned')`)
		)
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('period_end', 'date', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('participants', 'integer', (c) => c.check(sql`participants >= 0`))
		.addColumn('outputs', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('links', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('return_reason', 'text')
		.addColumn('reviewed_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('reviewed_at', 'timestamptz')
		.addColumn('submitted_at', 'timestamptz')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('activity_report_period_check', sql`period_end >= period_start`)
		.execute();
	await db.schema
		.createIndex('activity_report_card_id_idx')
		.on('activity_report')
		.column('card_id')
		.execute();
	await db.schema
		.createIndex('activity_report_organization_id_idx')
		.on('activity_report')
		.column('organization_id')
		.execute();

	// A value of an indicator: reported in an activity report, or entered by the coordinator with
	// its source. Only accepted reports' values count.
	await db.schema
		.createTable('indicator_value')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('indicator_id', 'integer', (c) =>
			c.notNull().references('indicator.id').onDelete('cascade')
		)
		.addColumn('report_id', 'integer', (c) =>
			c.references('activity_report.id').onDelete('cascade')
		)
		.addColumn('period_start', 'date', (c) => c.notNull())
		.addColumn('period_end', 'date', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('entered_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('indicator_value_period_check', sql`period_end >= period_start`)
		.addUniqueConstraint('indicator_value_report_id_indicator_id_key', [
			'report_id',
			'indicator_id'
		])
		.execute();
	await db.schema
		.createIndex('indicator_value_indicator_id_idx')
		.on('indicator_value')
		.columns(['indicator_id', 'period_end'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('indicator_value').execute();
	await db.schema.dropTable('activity_report').execute();
	await db.schema.dropTable('indicator').execute();
}
