import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration speaks Kysely<any> and never imports app code.

const ORG_KINDS = [
	'city_department',
	'city_unit',
	'public_institution',
	'county',
	'municipality',
	'ngo',
	'private',
	'informal_group'
];
const GOAL_LEVELS = ['area', 'strategic', 'operational', 'task'];

const inList = (values: string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

// Sortable position keys (fractional indexing) compare byte by byte: digits < A–Z < a–z. A
// server whose default collation is a language's (en_US, pl_PL) would order them differently.
const positionKey = sql`text collate "C"`;

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organization')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('short_name', 'text')
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in (${inList(ORG_KINDS)})`))
		.addColumn('is_coordinator', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('organization_name_key', ['name'])
		.execute();

	await db.schema
		.createTable('user')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c
				.notNull()
				.defaultTo('member')
				.check(sql`role in ('admin', 'coordinator', 'member')`)
		)
		.addColumn('locale', 'text', (c) => c.check(sql`locale in ('pl', 'en')`))
		.addColumn('disabled_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	// E-mail addresses are unique whatever their case.
	await sql`create unique index user_email_key on "user" (lower(email))`.execute(db);

	await db.schema
		.createTable('membership')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('organization_id', 'integer', (c) =>
			c.notNull().references('organization.id').onDelete('cascade')
		)
		.addColumn('role', 'text', (c) =>
			c
				.notNull()
				.defaultTo('member')
				.check(sql`role in ('manager', 'member')`)
		)
		.addPrimaryKeyConstraint('membership_pkey', ['user_id', 'organization_id'])
		.execute();

	await db.schema
		.createTable('session')
		// SHA-256 of the cookie's token, hex: the database never holds the token itself.
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema.createIndex('session_user_id_idx').on('session').column('user_id').execute();

	await db.schema
		.createTable('login_attempt')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('attempted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();
	await db.schema
		.createIndex('login_attempt_email_idx')
		.on('login_attempt')
		.columns(['email', 'attempted_at'])
		.execute();
	await db.schema
		.createIndex('login_attempt_address_idx')
		.on('login_attempt')
		.columns(['address', 'attempted_at'])
		.execute();

	await db.schema
		.createTable('strategy')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('owner', 'text', (c) => c.notNull().check(sql`owner in ('city', 'county')`))
		.addColumn('period_start', 'integer', (c) => c.notNull())
		.addColumn('period_end', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('draft', 'current', 'superseded')`)
		)
		.addColumn('supersedes_id', 'integer', (c) => c.references('strategy.id').onDelete('set null'))
		.addColumn('mission', 'text')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint('strategy_period_check', sql`period_end >= period_start`)
		.execute();

	await db.schema
		.createTable('goal')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('strategy_id', 'integer', (c) =>
			c.notNull().references('strategy.id').onDelete('cascade')
		)
		.addColumn('parent_id', 'integer', (c) => c.references('goal.id').onDelete('restrict'))
		.addColumn('level', 'text', (c) => c.notNull().check(sql`level in (${inList(GOAL_LEVELS)})`))
		// Areas have no number in the source documents; every other goal has one (1, 1.2, 1.2.3).
		.addColumn('code', 'text')
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addUniqueConstraint('goal_strategy_id_code_key', ['strategy_id', 'code'])
		.addCheckConstraint('goal_code_check', sql`level = 'area' or code is not null`)
		.execute();
	await db.schema.createIndex('goal_parent_id_idx').on('goal').column('parent_id').execute();

	await db.schema
		.createTable('goal_mapping')
		.addColumn('from_goal_id', 'integer', (c) =>
			c.notNull().references('goal.id').onDelete('cascade')
		)
		.addColumn('to_goal_id', 'integer', (c) =>
			c.notNull().references('goal.id').onDelete('cascade')
		)
		.addColumn('note', 'text')
		.addPrimaryKeyConstraint('goal_mapping_pkey', ['from_goal_id', 'to_goal_id'])
		.execute();

	await db.schema
		.createTable('board')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text')
		.addColumn('owner_organization_id', 'integer', (c) =>
			c.notNull().references('organization.id').onDelete('restrict')
		)
		// The strategy whose tasks the board's cards carry out: a card links to goals of it only.
		.addColumn('strategy_id', 'integer', (c) =>
			c.notNull().references('strategy.id').onDelete('restrict')
		)
		.addColumn('is_joint', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('archived_at', 'timestamptz')
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.execute();

	await db.schema
		.createTable('board_organization')
		.addColumn('board_id', 'integer', (c) => c.notNull().references('board.id').onDelete('cascade'))
		.addColumn('organization_id', 'integer', (c) =>
			c.notNull().references('organization.id').onDelete('cascade')
		)
		.addPrimaryKeyConstraint('board_organization_pkey', ['board_id', 'organization_id'])
		.execute();

	await db.schema
		.createTable('board_column')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('board_id', 'integer', (c) => c.notNull().references('board.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c.notNull().check(sql`status in ('todo', 'in_progress', 'blocked', 'done')`)
		)
		.addColumn('position', positionKey, (c) => c.notNull())
		.addColumn('wip_limit', 'integer', (c) => c.check(sql`wip_limit > 0`))
		.execute();
	await db.schema
		.createIndex('board_column_board_id_idx')
		.on('board_column')
		.column('board_id')
		.execute();

	await db.schema
		.createTable('card')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('board_id', 'integer', (c) => c.notNull().references('board.id').onDelete('cascade'))
		.addColumn('column_id', 'integer', (c) =>
			c.notNull().references('board_column.id').onDelete('restrict')
		)
		.addColumn('goal_id', 'integer', (c) => c.references('goal.id').onDelete('restrict'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('position', positionKey, (c) => c.notNull())
		.addColumn('priority', 'text', (c) =>
			c
				.notNull()
				.defaultTo('normal')
				.check(sql`priority in ('low', 'normal', 'high', 'urgent')`)
		)
		.addColumn('labels', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
		.addColumn('start_date', 'date')
		.addColumn('due_date', 'date')
		.addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('archived_at', 'timestamptz')
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addCheckConstraint(
			'card_dates_check',
			sql`start_date is null or due_date is null or due_date >= start_date`
		)
		.execute();
	await db.schema
		.createIndex('card_board_id_idx')
		.on('card')
		.columns(['board_id', 'column_id'])
		.execute();
	await db.schema.createIndex('card_goal_id_idx').on('card').column('goal_id').execute();
	// A move finds its neighbours' positions within the column.
	await db.schema
		.createIndex('card_column_id_position_idx')
		.on('card')
		.columns(['column_id', 'position'])
		.execute();

	await db.schema
		.createTable('card_organization')
		.addColumn('card_id', 'integer', (c) => c.notNull().references('card.id').onDelete('cascade'))
		.addColumn('organization_id', 'integer', (c) =>
			c.notNull().references('organization.id').onDelete('restrict')
		)
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead', 'partner')`))
		.addPrimaryKeyConstraint('card_organization_pkey', ['card_id', 'organization_id'])
		.execute();
	// A card has exactly one lead organisation at most.
	await sql`create unique index card_organization_lead_key on card_organization (card_id) where role = 'lead'`.execute(
		db
	);

	await db.schema
		.createTable('card_assignee')
		.addColumn('card_id', 'integer', (c) => c.notNull().references('card.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('card_assignee_pkey', ['card_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('comment')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('card_id', 'integer', (c) => c.notNull().references('card.id').onDelete('cascade'))
		.addColumn('author_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('edited_at', 'timestamptz')
		.addColumn('deleted_at', 'timestamptz')
		.execute();
	await db.schema.createIndex('comment_card_id_idx').on('comment').column('card_id').execute();

	// Append-only: the audit trail and the real-time log at once. Ids only grow.
	await db.schema
		.createTable('event')
		.addColumn('id', 'bigserial', (c) => c.primaryKey())
		.addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('actor_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('entity_type', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'integer', (c) => c.notNull())
		.addColumn('board_id', 'integer')
		.addColumn('card_id', 'integer')
		.addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();
	await db.schema
		.createIndex('event_board_id_idx')
		.on('event')
		.columns(['board_id', 'id'])
		.execute();
	await db.schema.createIndex('event_card_id_idx').on('event').columns(['card_id', 'id']).execute();
	await db.schema
		.createIndex('event_entity_idx')
		.on('event')
		.columns(['entity_type', 'entity_id', 'id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'event',
		'comment',
		'card_assignee',
		'card_organization',
		'card',
		'board_column',
		'board_organization',
		'board',
		'goal_mapping',
		'goal',
		'strategy',
		'login_attempt',
		'session',
		'membership',
		'user',
		'organization'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
