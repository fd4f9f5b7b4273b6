import { sql, type Transaction } from 'kysely';
import { hashPassword } from '../../src/lib/server/auth/password';
import type { Db } from '../../src/lib/server/db';
import type { Database, GoalLevel } from '../../src/lib/server/db/schema';
import { recordEvent } from '../../src/lib/server/events/repository';
import type { FileStore } from '../../src/lib/server/files/store';
import { insertDemoActivity } from './activity';
import { insertDemoAttachments } from './attachments';
import { insertDemoBoards } from './boards';
import { insertDemoCycles } from './cycles';
import { EDITION_MAPPING } from './mappings';
import { ORGANIZATIONS } from './organizations';
import { STRATEGIES } from './strategies';
import { goalKey, type SeedGoal, type SeedStrategy } from './types';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './users';

// Loads the seed data. Every step adds only what is missing, so a second run adds nothing; a
// strategy that already exists is left whole, because a coordinator may have edited its tree
// since, and merging the seed into it would undo that work.

type Trx = Transaction<Database>;

const LEVELS_WITH_AREAS: readonly GoalLevel[] = ['area', 'strategic', 'operational', 'task'];
const LEVELS_WITHOUT_AREAS: readonly GoalLevel[] = ['strategic', 'operational', 'task'];

/** True when the database holds no strategy and no organisation: a fresh install. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
	const strategy = await db.selectFrom('strategy').select('id').limit(1).executeTakeFirst();
	if (strategy) return false;
	const organization = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst();
	return !organization;
}

/**
 * Loads the strategies, their goal trees, the mapping between the two city editions, the
 * organisations and (with `demo`) the demo accounts and boards, in one transaction: a failure
 * leaves nothing half-loaded. `created` is false when everything was already there.
 */
export async function seedDatabase(
	db: Db,
	options: { demo: boolean; files?: FileStore }
): Promise<{ created: boolean }> {
	return db.transaction().execute(async (trx) => {
		const organizations = await insertOrganizations(trx);
		const strategies = await insertStrategies(trx);
		const mappings = await insertEditionMappings(trx, strategies.created);
		const users = options.demo ? await insertDemoAccounts(trx) : 0;
		// After the accounts, whose people the cards are assigned to.
		const today = new Date();
		const { boards, cards } = options.demo
			? await insertDemoBoards(trx, today)
			: { boards: 0, cards: 0 };
		// Reports, comments and notices on the demo cards, only on boards this run inserted.
		if (boards > 0) await insertDemoActivity(trx, today);
		// Last year's reporting cycle closed, this year's open, over those reports.
		if (boards > 0) await insertDemoCycles(trx, today);
		// Files on a few demo cards, where there is a file store to put them in (the app's; tests
		// seed without one).
		if (boards > 0 && options.files) await insertDemoAttachments(trx, options.files);
		const created = organizations + strategies.created.length + mappings + users + boards > 0;
		if (created) {
			await recordEvent(trx, {
				actorId: null,
				type: 'seed.loaded',
				entityId: 0,
				payload: {
					strategies: strategies.created,
					goals: strategies.goals,
					mappings,
					organizations,
					users,
					boards,
					cards
				}
			});
		}
		return { created };
	});
}

async function insertOrganizations(trx: Trx): Promise<number> {
	const rows = await trx
		.insertInto('organization')
		.values(
			ORGANIZATIONS.map((o) => ({
				name: o.name,
				shortName: o.shortName,
				kind: o.kind,
				isCoordinator: o.isCoordinator ?? false
			}))
		)
		.onConflict((oc) => oc.column('name').doNothing())
		.returning('id')
		.execute();
	return rows.length;
}

async function insertStrategies(trx: Trx): Promise<{ created: string[]; goals: number }> {
	const ids = new Map<string, number>();
	const created: string[] = [];
	let goals = 0;
	for (const strategy of STRATEGIES) {
		const supersedesId = strategy.supersedes ? (ids.get(strategy.supersedes) ?? null) : null;
		const row = await trx
			.insertInto('strategy')
			.values({
				slug: strategy.slug,
				title: strategy.title,
				owner: strategy.owner,
				periodStart: strategy.periodStart,
				periodEnd: strategy.periodEnd,
				status: strategy.status,
				supersedesId,
				mission: strategy.mission
			})
			.onConflict((oc) => oc.column('slug').doNothing())
			.returning('id')
			.executeTakeFirst();
		if (row) {
			created.push(strategy.slug);
			goals += await insertGoalTree(trx, row.id, strategy);
		}
		ids.set(strategy.slug, row?.id ?? (await strategyId(trx, strategy.slug)));
	}
	return { created, goals };
}

const strategyId = async (trx: Trx, slug: string) =>
	(await trx.selectFrom('strategy').select('id').where('slug', '=', slug).executeTakeFirstOrThrow())
		.id;

/**
 * Inserts a goal tree one level at a time (four statements, not a hundred): each goal's level
 * comes from its depth, its position from its place among its siblings.
 */
async function insertGoalTree(trx: Trx, strategyId: number, strategy: SeedStrategy) {
	const levels = strategy.goals[0]?.code === null ? LEVELS_WITH_AREAS : LEVELS_WITHOUT_AREAS;
	type Pending = { goal: SeedGoal; parentId: number | null; position: number };
	let layer: Pending[] = strategy.goals.map((goal, position) => ({
		goal,
		parentId: null,
		position
	}));
	let count = 0;
	for (let depth = 0; layer.length > 0; depth++) {
		const level = levels[depth];
		if (!level) throw new Error(`${strategy.slug}: the goal tree is deeper than ${levels.length}`);
		for (const { goal } of layer) {
			if ((level === 'area') !== (goal.code === null)) {
				throw new Error(`${strategy.slug}: "${goal.title}" has a number only areas may lack`);
			}
		}
		const rows = await trx
			.insertInto('goal')
			.values(
				layer.map(({ goal, parentId, position }) => ({
					strategyId,
					parentId,
					level,
					code: goal.code,
					title: goal.title,
					position
				}))
			)
			.returning(['id', 'code', 'title'])
			.execute();
		count += rows.length;
		// Matched by key rather than by row order, which INSERT … RETURNING does not promise.
		const idOf = new Map(rows.map((row) => [goalKey(row), row.id]));
		layer = layer.flatMap(({ goal }) =>
			goal.children.map((child, position) => ({
				goal: child,
				parentId: idOf.get(goalKey(goal))!,
				position
			}))
		);
	}
	return count;
}

/** Maps the old city edition's goals to the new one's, when either edition was just created. */
async function insertEditionMappings(trx: Trx, created: string[]): Promise<number> {
	const { from, to, pairs } = EDITION_MAPPING;
	if (!created.includes(from) && !created.includes(to)) return 0;
	const oldGoals = await goalsBySlug(trx, from);
	const newGoals = await goalsBySlug(trx, to);
	// A goal a coordinator has since deleted simply loses its mapping.
	const values = pairs.flatMap((pair) => {
		const fromGoalId = oldGoals.get(pair.from);
		const toGoalId = newGoals.get(pair.to);
		return fromGoalId && toGoalId ? [{ fromGoalId, toGoalId, note: pair.note }] : [];
	});
	if (values.length === 0) return 0;
	const rows = await trx
		.insertInto('goalMapping')
		.values(values)
		.onConflict((oc) => oc.columns(['fromGoalId', 'toGoalId']).doNothing())
		.returning('fromGoalId')
		.execute();
	return rows.length;
}

async function goalsBySlug(trx: Trx, slug: string): Promise<Map<string, number>> {
	const rows = await trx
		.selectFrom('goal')
		.innerJoin('strategy', 'strategy.id', 'goal.strategyId')
		.select(['goal.id', 'goal.code', 'goal.title'])
		.where('strategy.slug', '=', slug)
		.execute();
	return new Map(rows.map((row) => [goalKey(row), row.id]));
}

/** Adds the demo accounts that are missing, with their memberships. */
async function insertDemoAccounts(trx: Trx): Promise<number> {
	const taken = await trx
		.selectFrom('user')
		.select(sql<string>`lower(email)`.as('email'))
		.where(
			sql<string>`lower(email)`,
			'in',
			DEMO_ACCOUNTS.map((a) => a.email.toLowerCase())
		)
		.execute();
	const takenEmails = new Set(taken.map((row) => row.email));
	const missing = DEMO_ACCOUNTS.filter((a) => !takenEmails.has(a.email.toLowerCase()));
	if (missing.length === 0) return 0;

	// argon2 is slow on purpose; every demo account shares the password, so hash it once.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const users = await trx
		.insertInto('user')
		.values(missing.map((a) => ({ email: a.email, name: a.name, role: a.role, passwordHash })))
		.returning(['id', 'email'])
		.execute();
	const userIds = new Map(users.map((u) => [u.email, u.id]));

	const orgNames = missing.flatMap((a) => (a.organization ? [a.organization] : []));
	const orgs = orgNames.length
		? await trx
				.selectFrom('organization')
				.select(['id', 'name'])
				.where('name', 'in', orgNames)
				.execute()
		: [];
	const orgIds = new Map(orgs.map((o) => [o.name, o.id]));
	const memberships = missing.flatMap((a) => {
		const organizationId = a.organization ? orgIds.get(a.organization) : undefined;
		const userId = userIds.get(a.email);
		return organizationId && userId ? [{ userId, organizationId, role: a.membershipRole }] : [];
	});
	if (memberships.length) await trx.insertInto('membership').values(memberships).execute();
	return users.length;
}
