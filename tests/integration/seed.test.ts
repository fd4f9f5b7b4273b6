import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, seedDatabase } from '../../db/seed';
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

describe('a second run', () => {
	it('adds nothing and says so', async () => {
		const before = await rowCounts(t.db);
		expect(await seedDatabase(t.db, { demo: true })).toEqual({ created: false });
		expect(await rowCounts(t.db)).toEqual(before);
		expect(before.event).toBe(1);
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
			expect(await seedDatabase(fresh.db, { demo: false })).toEqual({ created: false });

			expect(await seedDatabase(fresh.db, { demo: true })).toEqual({ created: true });
			const after = await rowCounts(fresh.db);
			expect(after).toEqual({ ...counts, user: 5, membership: 4, event: counts.event + 1 });
		} finally {
			await fresh.destroy();
		}
	});
});
