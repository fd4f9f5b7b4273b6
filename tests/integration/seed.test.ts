import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, seedDatabase } from '../../db/seed';
import { dayFrom } from '../../db/seed/boards';
import { demoActivityEvents } from '../../db/seed/activity';
import { DEMO_BOARDS } from '../../db/seed/boards-data';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../db/seed/users';
import { verifyPassword } from '../../src/lib/server/auth/password';
import type { Db } from '../../src/lib/server/db';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The seed is what every new installation starts from: these tests pin its shape against the
// source documents (counts, numbers, exact titles) and its promise to add nothing the second time.

const CURRENT = 'torun-2028';
const PREVIOUS = 'torun-2020';
const COUNTY = 'powiat-torunski-2022-2024';

let t: TestDatabase;
let emptyBefore: boolean;
let firstRun: { created: boolean };

beforeAll(async () => {
	t = await createTestDatabase();
	emptyBefore = await isDatabaseEmpty(t.db);
	firstRun = await seedDatabase(t.db, { demo: true });
});
afterAll(() => t.destroy());

async function goalsOf(db: Db, slug: string) {
	return db
		.selectFrom('goal')
		.innerJoin('strategy', 'strategy.id', 'goal.strategyId')
		.select(['goal.id', 'goal.parentId', 'goal.level', 'goal.code', 'goal.title', 'goal.position'])
		.where('strategy.slug', '=', slug)
		.execute();
}

async function levelCounts(slug: string) {
	const counts: Record<string, number> = {};
	for (const goal of await goalsOf(t.db, slug)) counts[goal.level] = (counts[goal.level] ?? 0) + 1;
	return counts;
}

async function byCode(slug: string) {
	return new Map((await goalsOf(t.db, slug)).map((g) => [g.code, g]));
}

const TABLES = [
	'organization',
	'user',
	'membership',
	'strategy',
	'goal',
	'goalMapping',
	'board',
	'boardOrganization',
	'boardColumn',
	'card',
	'cardOrganization',
	'cardAssignee',
	'activityReport',
	'comment',
	'notification',
	'event'
] as const;

async function rowCounts(db: Db) {
	const counts = {} as Record<(typeof TABLES)[number], number>;
	for (const table of TABLES) {
		const row = await db
			.selectFrom(table)
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		counts[table] = Number(row.n);
	}
	return counts;
}

describe('the strategies', () => {
	it('loads into an empty database and leaves it non-empty', async () => {
		expect(emptyBefore).toBe(true);
		expect(firstRun.created).toBe(true);
		expect(await isDatabaseEmpty(t.db)).toBe(false);
	});

	it('has the two city editions, linked, and the county strategy', async () => {
		const rows = await t.db.selectFrom('strategy').selectAll().orderBy('id').execute();
		expect(rows.map((s) => [s.slug, s.owner, s.status, s.periodStart, s.periodEnd])).toEqual([
			[PREVIOUS, 'city', 'superseded', 2010, 2020],
			[CURRENT, 'city', 'current', 2018, 2028],
			[COUNTY, 'county', 'current', 2022, 2024]
		]);
		const [previous, current, county] = rows;
		expect(current!.title).toBe('Strategia Rozwoju Miasta Torunia do 2028 roku');
		expect(current!.supersedesId).toBe(previous!.id);
		expect(previous!.mission).toMatch(/^Jesteśmy miastem kreatywnej, otwartej/);
		expect(county!.title).toBe('Strategia współpracy z gminami powiatu toruńskiego');
	});

	it('has the counts of the documents at every level', async () => {
		expect(await levelCounts(CURRENT)).toEqual({
			area: 3,
			strategic: 4,
			operational: 27,
			task: 26
		});
		expect(await levelCounts(PREVIOUS)).toEqual({ area: 3, strategic: 4, operational: 19 });
		expect(await levelCounts(COUNTY)).toEqual({ strategic: 1, operational: 3, task: 15 });
	});

	it('numbers the operational goals of the current edition as document 001 does', async () => {
		const codes = (await goalsOf(t.db, CURRENT))
			.filter((g) => g.level === 'operational')
			.map((g) => g.code);
		const expected = [
			[1, 8],
			[2, 11],
			[3, 5],
			[4, 3]
		].flatMap(([goal, n]) => Array.from({ length: n! }, (_, i) => `${goal}.${i + 1}`));
		expect(codes.sort()).toEqual(expected.sort());
	});

	it('keeps the exact titles of the documents', async () => {
		const current = await byCode(CURRENT);
		const title = (code: string) => current.get(code)?.title;
		expect(title('1')).toBe('Toruń atrakcyjnym miejscem zamieszkania i pracy');
		expect(title('1.1')).toBe('Rozwój kapitału ludzkiego i społecznego');
		expect(title('1.2')).toMatch(/^Zwiększenie wykorzystania potencjału kreatywnego /);
		expect(title('1.1.1')).toBe(
			'Wspieranie działań na rzecz doskonalenia zawodowego kadry pedagogicznej oraz specjalistów edukacji pozaformalnej'
		);
		expect(title('1.1.4')).toContain('sportowo-rekreacyjnych oraz');
		expect(title('1.1.26')).toBe(
			'Wspieranie współpracy międzysektorowej w zakresie wzmacniania integracji i tożsamości mieszkańców'
		);
		expect(title('2.11')).toBe('Umocnienie atrakcyjnego ponadregionalnego wizerunku Torunia');
		expect(title('4.3')).toBe(
			'Efektywniejsze wykorzystanie walorów estetycznych Torunia w promocji miasta'
		);
		const county = await byCode(COUNTY);
		expect(county.get('1.3.2')?.title).toBe(
			'Kontynuowanie programu budowy ścieżek rowerowych w ramach współpracy samorządów oraz remontów, modernizacji dróg powiatowych'
		);
		expect(county.get('1.1.6')?.title).toBe(
			'Przygotowywanie materiałów i publikacji poświęconych gminom i poszczególnym miejscowościom'
		);
	});

	it('hangs every goal under the goal its number says, in document order', async () => {
		for (const slug of [CURRENT, PREVIOUS, COUNTY]) {
			const goals = await goalsOf(t.db, slug);
			const byId = new Map(goals.map((g) => [g.id, g]));
			for (const goal of goals) {
				const parent = goal.parentId === null ? undefined : byId.get(goal.parentId);
				if (goal.level === 'area' || (slug === COUNTY && goal.level === 'strategic')) {
					expect(parent).toBeUndefined();
				} else if (goal.level === 'strategic') {
					expect(parent?.level).toBe('area');
				} else {
					expect(`${goal.code}`).toMatch(new RegExp(`^${parent?.code}\\.\\d+$`));
					expect(goal.position).toBe(Number(goal.code!.split('.').pop()) - 1);
				}
			}
		}
		const current = await byCode(CURRENT);
		const tasks = (await goalsOf(t.db, CURRENT)).filter((g) => g.level === 'task');
		expect(new Set(tasks.map((g) => g.parentId))).toEqual(new Set([current.get('1.1')!.id]));
	});

	it('maps the earlier edition’s goals to the current ones', async () => {
		const rows = await t.db
			.selectFrom('goalMapping')
			.innerJoin('goal as f', 'f.id', 'goalMapping.fromGoalId')
			.innerJoin('goal as n', 'n.id', 'goalMapping.toGoalId')
			.innerJoin('strategy as fs', 'fs.id', 'f.strategyId')
			.innerJoin('strategy as ns', 'ns.id', 'n.strategyId')
			.select(['f.code as from', 'n.code as to', 'f.level', 'fs.slug as fromSlug'])
			.select(['ns.slug as toSlug', 'goalMapping.note'])
			.execute();
		expect(rows.every((r) => r.fromSlug === PREVIOUS && r.toSlug === CURRENT)).toBe(true);
		expect(rows.every((r) => (r.note ?? '').length > 0)).toBe(true);
		expect(rows.filter((r) => r.level === 'area')).toHaveLength(3);
		const pairs = rows.filter((r) => r.level !== 'area').map((r) => `${r.from}→${r.to}`);
		const expected = [
			...['1', '1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8'].map((c) => `${c}→${c}`),
			...['', '.1', '.2', '.3'].map((s) => `4${s}→2${s}`),
			...['', '.1', '.2', '.3', '.4', '.5'].map((s) => `2${s}→3${s}`),
			...['', '.1', '.2', '.3'].map((s) => `3${s}→4${s}`)
		];
		expect(pairs.sort()).toEqual(expected.sort());
	});
});

describe('the organisations', () => {
	it('has the coordinator, the county office, the nine municipalities and sample NGOs', async () => {
		const orgs = await t.db.selectFrom('organization').selectAll().execute();
		const coordinators = orgs.filter((o) => o.isCoordinator);
		expect(coordinators.map((o) => [o.name, o.kind])).toEqual([
			['Wydział Rozwoju i Programowania Europejskiego', 'city_department']
		]);
		expect(orgs.filter((o) => o.kind === 'city_department').length).toBeGreaterThanOrEqual(5);
		expect(orgs.filter((o) => o.kind === 'county').map((o) => o.name)).toEqual([
			'Wydział Projektów Europejskich, Informacji i Współpracy z Mediami'
		]);
		const municipalities = orgs.filter((o) => o.kind === 'municipality').map((o) => o.name);
		expect(municipalities.sort()).toEqual(
			[
				'Gmina Miasta Chełmża',
				'Gmina Chełmża',
				'Gmina Czernikowo',
				'Gmina Lubicz',
				'Gmina Łubianka',
				'Gmina Łysomice',
				'Gmina Obrowo',
				'Gmina Wielka Nieszawka',
				'Gmina Zławieś Wielka'
			].sort()
		);
		const ngos = orgs.filter((o) => o.kind === 'ngo');
		expect(ngos.length).toBeGreaterThanOrEqual(3);
		for (const ngo of ngos) expect(ngo.name).toMatch(/\(przykład\)$/);
	});
});

describe('the demo accounts', () => {
	it('has the five accounts, their roles and organisations, and the demo password', async () => {
		const users = await t.db
			.selectFrom('user')
			.leftJoin('membership', 'membership.userId', 'user.id')
			.leftJoin('organization', 'organization.id', 'membership.organizationId')
			.select(['user.email', 'user.role', 'user.passwordHash', 'membership.role as membership'])
			.select('organization.name as organization')
			.orderBy('user.id')
			.execute();
		expect(users.map((u) => [u.email, u.role, u.organization, u.membership])).toEqual(
			DEMO_ACCOUNTS.map((a) => [
				a.email,
				a.role,
				a.organization,
				a.organization ? a.membershipRole : null
			])
		);
		expect(users.find((u) => u.email === 'ngo@torun.example')?.organization).toMatch(/przykład/i);
		expect(users.find((u) => u.email === 'koordynator@torun.example')?.membership).toBe('manager');
		expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
		expect(await verifyPassword(users[0]!.passwordHash, 'not-the-password')).toBe(false);
	});
});

describe('the demo boards', () => {
	const COORDINATOR = 'Wydział Rozwoju i Programowania Europejskiego';
	const COUNTY_OFFICE = 'Wydział Projektów Europejskich, Informacji i Współpracy z Mediami';
	const NGO = DEMO_ACCOUNTS.find((a) => a.email === 'ngo@torun.example')!.organization!;

	async function boards() {
		return t.db
			.selectFrom('board')
			.innerJoin('organization', 'organization.id', 'board.ownerOrganizationId')
			.select(['board.id', 'board.title', 'board.isJoint', 'organization.name as owner'])
			.orderBy('board.id')
			.execute();
	}

	async function cards() {
		return t.db
			.selectFrom('card')
			.innerJoin('boardColumn', 'boardColumn.id', 'card.columnId')
			.select(['card.id', 'card.boardId', 'card.columnId', 'card.position', 'card.goalId'])
			.select(['card.dueDate', 'card.startDate', 'boardColumn.status'])
			.orderBy('card.id')
			.execute();
	}

	async function cardOrganizations() {
		return t.db
			.selectFrom('cardOrganization')
			.innerJoin('organization', 'organization.id', 'cardOrganization.organizationId')
			.select(['cardId', 'organizationId', 'role', 'organization.name'])
			.execute();
	}

	it('has the coordinator’s, a department’s, an NGO’s, the joint initiative’s and the earlier edition’s board', async () => {
		expect((await boards()).map((b) => [b.owner, b.isJoint])).toEqual([
			[COORDINATOR, false],
			['Wydział Edukacji', false],
			[NGO, false],
			[COUNTY_OFFICE, true],
			[COORDINATOR, false]
		]);
		expect((await boards())[3]!.title).toBe('Budowa ścieżek rowerowych');
		expect((await boards())[4]!.title).toBe('Projekty strategii do 2020 r.');
	});

	it('gives every board the default columns, in order, with a WIP limit it keeps', async () => {
		for (const board of await boards()) {
			const columns = await t.db
				.selectFrom('boardColumn')
				.select(['title', 'status', 'wipLimit'])
				.where('boardId', '=', board.id)
				.orderBy('position')
				.execute();
			expect(columns.map((c) => [c.title, c.status])).toEqual([
				['Zaplanowane', 'todo'],
				['W realizacji', 'in_progress'],
				['Zagrożone', 'blocked'],
				['Zrealizowane', 'done']
			]);
			expect(columns.find((c) => c.status === 'in_progress')?.wipLimit).toBe(8);
			// The demo must not start out breaking its own limit.
			const inProgress = (await cards()).filter(
				(c) => c.boardId === board.id && c.status === 'in_progress'
			);
			expect(inProgress.length).toBeLessThanOrEqual(8);
		}
	});

	it('has about sixty-five cards, each with exactly one lead and a goal of the board’s strategy', async () => {
		const all = await cards();
		expect(all.length).toBeGreaterThanOrEqual(60);
		expect(all.length).toBeLessThanOrEqual(70);
		const links = await cardOrganizations();
		for (const card of all) {
			expect(links.filter((l) => l.cardId === card.id && l.role === 'lead')).toHaveLength(1);
		}
		const goals = await t.db
			.selectFrom('card')
			.innerJoin('board', 'board.id', 'card.boardId')
			.leftJoin('goal', 'goal.id', 'card.goalId')
			.leftJoin('strategy', 'strategy.id', 'goal.strategyId')
			.innerJoin('strategy as boardStrategy', 'boardStrategy.id', 'board.strategyId')
			.select(['board.isJoint', 'board.title', 'strategy.slug', 'goal.level'])
			.select('boardStrategy.slug as of')
			.execute();
		for (const goal of goals) {
			const seeded = DEMO_BOARDS.find((b) => b.title === goal.title)!;
			expect(goal.slug).toBe(goal.isJoint ? COUNTY : seeded.strategy);
			expect(goal.of).toBe(goal.slug);
			if (goal.isJoint) expect(goal.level).toBe('task');
		}
		// One board still carries out the superseded edition, on its operational goals: what the
		// re-link to the current edition is shown on.
		const previous = goals.filter((g) => g.of === PREVIOUS);
		expect(previous.length).toBeGreaterThanOrEqual(5);
		expect(previous.every((g) => g.level === 'operational')).toBe(true);
		expect(goals.filter((g) => g.of === CURRENT).length).toBeGreaterThan(30);
	});

	it('assigns only people of the card’s organisations, and drops none the data names', async () => {
		const rows = await t.db
			.selectFrom('cardAssignee')
			.select(['cardId', 'userId'])
			.select((eb) =>
				eb
					.exists(
						eb
							.selectFrom('membership')
							.innerJoin(
								'cardOrganization',
								'cardOrganization.organizationId',
								'membership.organizationId'
							)
							.whereRef('membership.userId', '=', 'cardAssignee.userId')
							.whereRef('cardOrganization.cardId', '=', 'cardAssignee.cardId')
					)
					.as('isMember')
			)
			.execute();
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.isMember)).toBe(true);
		const named = DEMO_BOARDS.flatMap((b) => b.cards).flatMap((c) => c.assignees ?? []);
		expect(rows).toHaveLength(named.length);
	});

	it('makes the owner a participant of every board, and the nine municipalities of the joint one', async () => {
		const rows = await t.db
			.selectFrom('boardOrganization')
			.innerJoin('organization', 'organization.id', 'boardOrganization.organizationId')
			.select(['boardId', 'organization.name', 'organization.kind'])
			.execute();
		const all = await boards();
		for (const board of all) {
			expect(rows.some((r) => r.boardId === board.id && r.name === board.owner)).toBe(true);
		}
		const joint = rows.filter((r) => r.boardId === all[3]!.id);
		expect(joint.filter((r) => r.kind === 'municipality')).toHaveLength(9);
		expect(joint.map((r) => r.name).sort()).toEqual(
			[COUNTY_OFFICE, ...joint.filter((r) => r.kind === 'municipality').map((r) => r.name)].sort()
		);
	});

	it('has overdue cards and blocked cards whatever the day', async () => {
		const today = dayFrom(new Date(), 0);
		const all = await cards();
		const overdue = all.filter(
			(c) => c.dueDate !== null && c.dueDate < today && c.status !== 'done'
		);
		expect(overdue.length).toBeGreaterThanOrEqual(3);
		expect(all.filter((c) => c.status === 'blocked').length).toBeGreaterThanOrEqual(3);
		expect(all.some((c) => c.dueDate === null)).toBe(true);
		const inAWeek = dayFrom(new Date(), 6);
		expect(all.some((c) => c.dueDate && c.dueDate >= today && c.dueDate <= inAWeek)).toBe(true);
	});

	it('shows the NGO some cards of the Wydział Edukacji board, not all', async () => {
		const education = (await boards())[1]!;
		const onBoard = (await cards()).filter((c) => c.boardId === education.id).map((c) => c.id);
		const withNgo = (await cardOrganizations()).filter(
			(l) => onBoard.includes(l.cardId) && l.name === NGO && l.role === 'partner'
		);
		expect(withNgo.length).toBeGreaterThanOrEqual(2);
		expect(withNgo.length).toBeLessThan(onBoard.length);
	});

	it('orders the cards of a column by increasing keys, the same in the database as in code', async () => {
		const all = await cards();
		for (const columnId of new Set(all.map((c) => c.columnId))) {
			const keys = all.filter((c) => c.columnId === columnId).map((c) => c.position);
			for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! < keys[i]!).toBe(true);
			const sorted = await t.db
				.selectFrom('card')
				.select('position')
				.where('columnId', '=', columnId)
				.orderBy('position')
				.execute();
			expect(sorted.map((c) => c.position)).toEqual(keys);
		}
	});

	it('records one card.created event per card', async () => {
		const events = await t.db
			.selectFrom('event')
			.innerJoin('card', 'card.id', 'event.cardId')
			.select(['event.entityType', 'event.entityId', 'event.boardId', 'event.payload'])
			.select(['card.id', 'card.boardId as cardBoardId', 'card.title', 'card.createdBy'])
			.select('card.columnId')
			.select('event.actorId')
			.where('event.type', '=', 'card.created')
			.execute();
		expect(events).toHaveLength((await cards()).length);
		for (const e of events) {
			expect([e.entityType, e.entityId, e.boardId, e.actorId]).toEqual([
				'card',
				e.id,
				e.cardBoardId,
				e.createdBy
			]);
			// The same payload as a card created on the board (the event catalogue's card.created).
			expect(e.payload).toEqual({ title: e.title, columnId: e.columnId });
		}
	});
});

describe('a second run', () => {
	it('adds nothing and says so', async () => {
		const before = await rowCounts(t.db);
		expect(await seedDatabase(t.db, { demo: true })).toEqual({ created: false });
		expect(await rowCounts(t.db)).toEqual(before);
		// The seed's own event, one per demo card, the demo's reports' and comments', and one per
		// notice they sent.
		expect(before.event).toBe(1 + before.card + demoActivityEvents() + before.notification);
	});
});

describe('without demo', () => {
	it('creates no account, and adds only the accounts when demo is asked for later', async () => {
		const fresh = await createTestDatabase();
		try {
			expect(await seedDatabase(fresh.db, { demo: false })).toEqual({ created: true });
			expect(await isDatabaseEmpty(fresh.db)).toBe(false);
			const counts = await rowCounts(fresh.db);
			expect(counts.user).toBe(0);
			expect(counts.membership).toBe(0);
			expect(counts.board).toBe(0);
			expect(counts.card).toBe(0);
			expect(await seedDatabase(fresh.db, { demo: false })).toEqual({ created: false });

			expect(await seedDatabase(fresh.db, { demo: true })).toEqual({ created: true });
			const after = await rowCounts(fresh.db);
			for (const table of ['organization', 'strategy', 'goal', 'goalMapping'] as const) {
				expect(after[table]).toBe(counts[table]);
			}
			expect(after.card).toBeGreaterThan(0);
			expect(after).toMatchObject({
				user: 5,
				membership: 4,
				board: DEMO_BOARDS.length,
				boardColumn: DEMO_BOARDS.length * 4,
				event: counts.event + 1 + after.card + demoActivityEvents() + after.notification
			});
		} finally {
			await fresh.destroy();
		}
	});
});
