import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDashboardQuery, type DashboardQuery } from '../../src/lib/schemas/dashboard';
import type { Actor } from '../../src/lib/server/auth/policy';
import { moveCard } from '../../src/lib/server/cards/service';
import { dashboardOf } from '../../src/lib/server/dashboard/service';
import { NotFoundError } from '../../src/lib/server/errors';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The dashboards against a real database: what each role sees by default, the cuts by goal and
// by organisation, cards done over time from real moves, the year's accepted activities and the
// indicators. Due dates lie far in the past or future, so "overdue" does not depend on the day.

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let slug: string;
let countySlug: string;
let second: { id: number };
const people: Record<string, Actor> = {};
const orgs: Record<string, { id: number; name: string }> = {};
const YEAR = new Date().getFullYear();

const dashboard = (who: string, query: DashboardQuery = {}) =>
	dashboardOf(t.db, people[who]!, { strategy: slug, ...query });

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	slug = (await t.db
		.selectFrom('strategy')
		.select('slug')
		.where('id', '=', s.id)
		.executeTakeFirstOrThrow())!.slug;
	second = await t.db
		.insertInto('goal')
		.values({ strategyId: s.id, parentId: null, level: 'strategic', code: '2', title: 'Cel 2' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const op2 = await t.db
		.insertInto('goal')
		.values({
			strategyId: s.id,
			parentId: second.id,
			level: 'operational',
			code: '2.1',
			title: 'x'
		})
		.returning('id')
		.executeTakeFirstOrThrow();

	orgs.dept = await makeOrg(t.db, 'city_department');
	orgs.ngo = await makeOrg(t.db, 'ngo');
	orgs.other = await makeOrg(t.db, 'ngo');
	orgs.county = await makeOrg(t.db, 'county');
	orgs.muni = await makeOrg(t.db, 'municipality');
	people.coordinator = await makePerson(t.db, 'coordinator');
	people.manager = await makePerson(t.db, 'member', [[orgs.dept.id, 'manager']]);
	people.ngo = await makePerson(t.db, 'member', [[orgs.ngo.id, 'member']]);
	people.county = await makePerson(t.db, 'member', [[orgs.county.id, 'member']]);

	const board = await makeBoard(t.db, orgs.dept.id, s.id);
	const [todo, doing, blocked, done] = board.columns;
	const card = async (
		column: number,
		lead: number,
		partners: number[],
		goalId: number,
		due?: string
	) => {
		const c = await makeCard(t.db, board, column, lead, partners, { goalId });
		if (due) await t.db.updateTable('card').set({ dueDate: due }).where('id', '=', c.id).execute();
		return c;
	};
	// Goal 1: five cards of the department, two with the NGO; goal 2: one card of another NGO.
	const a = await card(todo, orgs.dept.id, [orgs.ngo.id], s.task.id, '2000-01-01');
	await card(doing, orgs.dept.id, [orgs.ngo.id], s.task.id);
	await card(blocked, orgs.dept.id, [], s.task2.id);
	await card(done, orgs.dept.id, [], s.operational.id);
	const moved = await card(doing, orgs.dept.id, [], s.task.id, '2999-01-01');
	await card(todo, orgs.other.id, [], op2.id);
	// One card done through the real move, so its day of completion comes from the event.
	await moveCard(t.db, people.coordinator!, moved.id, {
		columnId: done,
		version: moved.version,
		confirmWip: false
	});

	// Accepted activities of this year count; a draft and last year's do not.
	const report = (
		status: 'accepted' | 'draft',
		start: string,
		participants: number,
		org = orgs.ngo!.id
	) =>
		t.db
			.insertInto('activityReport')
			.values({
				cardId: a.id,
				organizationId: org,
				authorId: people.ngo!.id,
				status,
				periodStart: start,
				periodEnd: start,
				summary: 'Warsztaty'
			})
			.returning('id')
			.executeTakeFirstOrThrow()
			.then(async (r) => {
				await t.db
					.updateTable('activityReport')
					.set({ participants })
					.where('id', '=', r.id)
					.execute();
			});
	await report('accepted', `${YEAR}-03-01`, 30);
	await report('accepted', `${YEAR}-04-01`, 12, orgs.dept.id);
	await report('draft', `${YEAR}-05-01`, 99);
	await report('accepted', `${YEAR - 1}-06-01`, 500);

	await t.db
		.insertInto('indicator')
		.values([
			{
				goalId: s.operational.id,
				name: 'Uczestnicy',
				unit: 'os.',
				baselineValue: 0,
				baselineYear: YEAR - 1,
				targetValue: 100,
				targetYear: YEAR + 1,
				direction: 'up',
				aggregation: 'sum',
				frequency: 'yearly',
				responsibleOrganizationId: orgs.dept.id
			},
			{
				goalId: op2.id,
				name: 'Turyści',
				unit: 'tys.',
				baselineValue: 10,
				baselineYear: YEAR - 1,
				targetValue: 20,
				targetYear: YEAR + 1,
				direction: 'up',
				aggregation: 'latest',
				frequency: 'yearly',
				responsibleOrganizationId: null
			}
		])
		.execute();

	// A current county strategy, for the county's default.
	const county = await makeStrategy(t.db);
	await t.db.updateTable('strategy').set({ owner: 'county' }).where('id', '=', county.id).execute();
	countySlug = (await t.db
		.selectFrom('strategy')
		.select('slug')
		.where('id', '=', county.id)
		.executeTakeFirstOrThrow())!.slug;
	const joint = await makeBoard(t.db, orgs.county.id, county.id, [orgs.muni.id]);
	await makeCard(t.db, joint, joint.columns[1], orgs.county.id, [orgs.muni.id], {
		goalId: county.task.id
	});
}, 60_000);

afterAll(() => t?.destroy());

describe('dashboard', () => {
	it('shows the coordinator every card, by strategic goal and by organisation', async () => {
		const d = await dashboard('coordinator');
		expect(d.scope).toEqual({ goalId: null, orgId: null, kind: 'all' });
		expect(d.summary.counts).toEqual({ todo: 2, in_progress: 1, blocked: 1, done: 2, overdue: 1 });
		expect(d.byGoal.map((g) => [g.code, g.progress.done, g.progress.total])).toEqual([
			['1', 2, 5],
			['2', 0, 1]
		]);
		const byOrg = Object.fromEntries(
			d.byOrganization.map((o) => [o.name, [o.progress.total, o.lead]])
		);
		expect(byOrg).toEqual({
			[orgs.dept!.name]: [5, 5],
			[orgs.ngo!.name]: [2, 0],
			[orgs.other!.name]: [1, 1]
		});
		expect(d.visibleOnly).toBe(false);
	});

	it('counts only this year’s accepted activities, with their participants', async () => {
		const d = await dashboard('coordinator');
		expect(d.summary.activities).toBe(2);
		expect(d.summary.participants).toBe(42);
		const ngoRow = d.byOrganization.find((o) => o.id === orgs.ngo!.id)!;
		expect([ngoRow.activities, ngoRow.participants]).toEqual([1, 30]);
		const lastYear = await dashboard('coordinator', { year: YEAR - 1 });
		expect([lastYear.summary.activities, lastYear.summary.participants]).toEqual([1, 500]);
	});

	it('dates a card done by its move into done, and one created done by its creation', async () => {
		const d = await dashboard('coordinator');
		const month = new Date().toISOString().slice(0, 7);
		const thisMonth = d.doneByMonth.find((p) => p.month === month)!;
		expect(thisMonth.done).toBe(2);
		expect(d.doneByMonth.at(-1)!.cumulative).toBe(2);
	});

	it('starts an organisation’s manager from their organisation, and lets them see all', async () => {
		const d = await dashboard('manager');
		expect(d.scope.orgId).toBe(orgs.dept!.id);
		expect(d.summary.progress.total).toBe(5);
		expect(d.indicators.map((i) => i.name)).toEqual(['Uczestnicy']);
		const all = await dashboard('manager', { org: 'all' });
		expect(all.scope.orgId).toBeNull();
		// The department owns the board, so it sees every card on it.
		expect(all.summary.progress.total).toBe(6);
	});

	it('counts only the cards a partner may see', async () => {
		const d = await dashboard('ngo');
		expect(d.scope.orgId).toBeNull();
		expect(d.summary.progress.total).toBe(2);
		expect(d.summary.counts.overdue).toBe(1);
		expect(d.orgChoices.map((o) => o.id).sort()).toEqual([orgs.dept!.id, orgs.ngo!.id].sort());
		expect(d.visibleOnly).toBe(true);
	});

	it('narrows to one strategic goal, its activities and indicators', async () => {
		const d = await dashboard('coordinator', { goal: second.id });
		expect(d.scope.goalId).toBe(second.id);
		expect(d.summary.progress.total).toBe(1);
		expect(d.byGoal.map((g) => g.code)).toEqual(['2', '2.1']);
		expect(d.indicators.map((i) => [i.name, i.goalCode])).toEqual([['Turyści', '2.1']]);
		expect(d.summary.activities).toBe(0);
	});

	it('narrows to an operational goal: who did what under it this year', async () => {
		const d = await dashboard('coordinator', { goal: s.operational.id });
		expect(d.byGoal.map((g) => g.code)).toEqual(['1.1', '1.1.1', '1.1.2']);
		expect(d.byGoal.map((g) => g.progress.total)).toEqual([5, 3, 1]);
		const who = Object.fromEntries(d.byOrganization.map((o) => [o.name, o.activities]));
		expect(who).toEqual({ [orgs.dept!.name]: 1, [orgs.ngo!.name]: 1 });
	});

	it('opens on the county’s strategy, per municipality, for county staff', async () => {
		const d = await dashboardOf(t.db, people.county!, {});
		expect(d.strategy.slug).toBe(countySlug);
		expect(d.scope.kind).toBe('municipality');
		expect(d.byOrganization.map((o) => o.id)).toEqual([orgs.muni!.id]);
		expect(d.summary.progress.total).toBe(1);
	});

	it('answers 404 for a strategy that does not exist', async () => {
		await expect(dashboard('coordinator', { strategy: 'nie-ma-takiej' })).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('drops what it cannot read from the query string, and ignores an organisation not shown', async () => {
		expect(
			parseDashboardQuery(new URLSearchParams('goal=abc&org=-1&kind=x&year=99999&strategy=%27;--'))
		).toEqual({});
		const d = await dashboard('ngo', { org: orgs.other!.id, goal: 987654 });
		expect(d.scope).toMatchObject({ orgId: null, goalId: null });
		expect(d.summary.progress.total).toBe(2);
	});
});
