import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorSchema, reportSchema, reviewSchema } from '../../src/lib/schemas/monitoring';
import { loadViewer, type Actor } from '../../src/lib/server/auth/policy';
import { progressOfStrategy } from '../../src/lib/server/goals/progress';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/errors';
import {
	addIndicatorValue,
	createIndicator,
	indicatorsOf
} from '../../src/lib/server/indicators/service';
import {
	listReports,
	myReports,
	reviewReport,
	saveReport,
	submitReport
} from '../../src/lib/server/reports/service';
import {
	countRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Activity reports from draft to accepted, who may take each step, and how accepted values make
// an indicator's value and progress.

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let card: { id: number; version: number };
const orgs: Record<string, { id: number }> = {};
const people: Record<string, Actor> = {};
let participants: number; // an indicator on the operational goal: summed
let share: number; // one on the strategic goal: the latest value counts
let elsewhere: number; // one on a goal of another strategy

const form = (fields: Record<string, string | string[]>) => fields;
const report = (extra: Record<string, string | string[]> = {}) =>
	reportSchema.parse(
		form({
			organizationId: String(orgs.ngo!.id),
			periodStart: '2026-03-01',
			periodEnd: '2026-03-31',
			summary: 'Warsztaty dla młodzieży',
			participants: '25',
			outputs: '3 warsztaty',
			links: 'https://example.org/relacja',
			indicatorId: [String(participants), String(share)],
			indicatorValue: ['25', '12,5'],
			...extra
		})
	);

async function counts() {
	return {
		reports: await countRows(t.db, 'activityReport'),
		values: await countRows(t.db, 'indicatorValue'),
		events: await countRows(t.db, 'event')
	};
}

const version = async (id: number) =>
	(
		await t.db
			.selectFrom('activityReport')
			.select('version')
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
	).version;

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	const other = await makeStrategy(t.db);
	orgs.dept = await makeOrg(t.db, 'city_department');
	orgs.ngo = await makeOrg(t.db, 'ngo');
	orgs.stranger = await makeOrg(t.db, 'ngo');
	people.lead = await makePerson(t.db, 'member', [[orgs.dept.id, 'manager']]);
	people.leadMember = await makePerson(t.db, 'member', [[orgs.dept.id, 'member']]);
	people.partner = await makePerson(t.db, 'member', [[orgs.ngo.id, 'member']]);
	people.colleague = await makePerson(t.db, 'member', [[orgs.ngo.id, 'member']]);
	people.stranger = await makePerson(t.db, 'member', [[orgs.stranger.id, 'member']]);
	people.coordinator = await makePerson(t.db, 'coordinator');
	const board = await makeBoard(t.db, orgs.dept.id, s.id);
	card = await makeCard(t.db, board, board.columns[1], orgs.dept.id, [orgs.ngo.id], {
		goalId: s.task.id
	});
	const indicator = (goalId: number, aggregation: string, extra = {}) =>
		createIndicator(
			t.db,
			people.coordinator!,
			goalId,
			indicatorSchema.parse({
				name: `Wskaźnik ${aggregation}`,
				unit: 'os.',
				baselineValue: '0',
				baselineYear: '2020',
				targetValue: '100',
				targetYear: '2028',
				direction: 'up',
				aggregation,
				frequency: 'yearly',
				...extra
			})
		);
	participants = (await indicator(s.operational.id, 'sum')).id;
	share = (await indicator(s.strategic.id, 'latest', { unit: '%' })).id;
	elsewhere = (await indicator(other.operational.id, 'sum')).id;
});

afterAll(() => t.destroy());

describe('an activity report', () => {
	let id: number;

	it('goes from draft to submitted to returned, is corrected, and is accepted', async () => {
		id = (await saveReport(t.db, people.partner!, card.id, report())).id;
		// A draft is its author's alone.
		expect((await listReports(t.db, people.lead!, card.id)).map((r) => r.id)).not.toContain(id);
		await submitReport(t.db, people.partner!, card.id, {
			reportId: id
		});
		const seen = await listReports(t.db, people.lead!, card.id);
		expect(seen.find((r) => r.id === id)).toMatchObject({
			status: 'submitted',
			canReview: true,
			canEdit: false
		});

		await reviewReport(
			t.db,
			people.lead!,
			card.id,
			reviewSchema.parse({
				reportId: String(id),
				version: String(await version(id)),
				decision: 'return',
				reason: 'Brak listy obecności'
			})
		);
		const returned = (await listReports(t.db, people.partner!, card.id)).find((r) => r.id === id)!;
		expect(returned).toMatchObject({
			status: 'returned',
			returnReason: 'Brak listy obecności',
			canEdit: true
		});

		await saveReport(
			t.db,
			people.partner!,
			card.id,
			report({ participants: '27', indicatorValue: ['27', '12,5'] }),
			{
				reportId: id,
				version: await version(id)
			}
		);
		await submitReport(t.db, people.partner!, card.id, {
			reportId: id
		});
		await reviewReport(
			t.db,
			people.coordinator!,
			card.id,
			reviewSchema.parse({
				reportId: String(id),
				version: String(await version(id)),
				decision: 'accept'
			})
		);
		const accepted = (await listReports(t.db, people.partner!, card.id)).find((r) => r.id === id)!;
		expect(accepted).toMatchObject({
			status: 'accepted',
			participants: 27,
			canEdit: false,
			canReview: false
		});
		expect(accepted.values.map((v) => v.value).sort()).toEqual([12.5, 27]);
		// The history is the event table's.
		const types = await t.db
			.selectFrom('event')
			.select('type')
			.where('entityType', '=', 'activity_report')
			.where('entityId', '=', id)
			.orderBy('id')
			.execute();
		expect(types.map((e) => e.type)).toEqual([
			'report.saved',
			'report.submitted',
			'report.returned',
			'report.saved',
			'report.submitted',
			'report.accepted'
		]);
		expect((await myReports(t.db, people.partner!)).map((r) => r.id)).toContain(id);
	});

	it('is refused, writing nothing, where it is not allowed', async () => {
		const before = await counts();
		// A card the reporter cannot see.
		await expect(
			saveReport(
				t.db,
				people.stranger!,
				card.id,
				report({ organizationId: String(orgs.stranger!.id) })
			)
		).rejects.toBeInstanceOf(NotFoundError);
		// For an organisation that is not the reporter's.
		await expect(
			saveReport(t.db, people.partner!, card.id, report({ organizationId: String(orgs.dept!.id) }))
		).rejects.toBeInstanceOf(ValidationError);
		// A value for an indicator of an unrelated goal.
		await expect(
			saveReport(
				t.db,
				people.partner!,
				card.id,
				report({ indicatorId: [String(elsewhere)], indicatorValue: ['5'] })
			)
		).rejects.toBeInstanceOf(ValidationError);
		// Someone else's report, and an accepted one.
		await expect(
			saveReport(t.db, people.colleague!, card.id, report(), {
				reportId: id,
				version: await version(id)
			})
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			saveReport(t.db, people.partner!, card.id, report(), {
				reportId: id,
				version: await version(id)
			})
		).rejects.toBeInstanceOf(ConflictError);
		expect(await counts()).toEqual(before);
	});

	it('cannot be reviewed by its author, a plain member of the lead, or twice', async () => {
		const own = (await saveReport(t.db, people.partner!, card.id, report())).id;
		await submitReport(t.db, people.partner!, card.id, {
			reportId: own
		});
		const review = async (actor: Actor, decision = 'accept') =>
			reviewReport(
				t.db,
				actor,
				card.id,
				reviewSchema.parse({
					reportId: String(own),
					version: String(await version(own)),
					decision,
					reason: 'x'
				})
			);
		const before = await counts();
		await expect(review(people.partner!)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(review(people.leadMember!)).rejects.toBeInstanceOf(ForbiddenError);
		await expect(review(people.colleague!)).rejects.toBeInstanceOf(ForbiddenError);
		expect(await counts()).toEqual(before);
		// A stale version is refused.
		await expect(
			reviewReport(
				t.db,
				people.lead!,
				card.id,
				reviewSchema.parse({ reportId: String(own), version: '1', decision: 'accept' })
			)
		).rejects.toBeInstanceOf(ConflictError);
		await review(people.lead!, 'return');
		await expect(review(people.lead!)).rejects.toBeInstanceOf(ConflictError);
	});

	it('rejects bad input with clear errors', () => {
		const bad = reportSchema.safeParse({
			organizationId: '1',
			periodStart: '2026-05-01',
			periodEnd: '2026-04-01',
			summary: 'x',
			participants: '-3',
			links: 'javascript:alert(1)',
			indicatorId: ['1'],
			indicatorValue: ['abc']
		});
		expect(bad.success).toBe(false);
		const paths = bad.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(expect.arrayContaining(['periodEnd', 'participants', 'links.0']));
		expect(
			reviewSchema.safeParse({ reportId: '1', version: '1', decision: 'return', reason: '' })
				.success
		).toBe(false);
	});
});

describe('indicators', () => {
	it('count accepted reports only, summed or the latest, with the coordinator’s own values', async () => {
		const [sum, latest] = await indicatorsOf(t.db, [s.operational.id, s.strategic.id], {
			year: 2024
		});
		// The accepted report said 27 participants and 12.5 %; the returned and draft ones do not count.
		expect(sum).toMatchObject({ id: participants, value: 27, progress: 27, expected: 50 });
		expect(latest).toMatchObject({ id: share, value: 12.5, progress: 12.5 });
		await addIndicatorValue(t.db, people.coordinator!, {
			indicatorId: share,
			periodStart: '2026-01-01',
			periodEnd: '2026-12-31',
			value: 40,
			source: 'GUS'
		});
		const [, updated] = await indicatorsOf(t.db, [s.operational.id, s.strategic.id]);
		expect(updated).toMatchObject({ value: 40, progress: 40 });
		await expect(
			addIndicatorValue(t.db, people.lead!, {
				indicatorId: share,
				periodStart: '2026-01-01',
				periodEnd: '2026-12-31',
				value: 1,
				source: 'x'
			})
		).rejects.toBeInstanceOf(ForbiddenError);
	});

	it("set the status of their goal and the goals above it, by the README's rules", async () => {
		const goals = await t.db
			.selectFrom('goal')
			.select(['id', 'parentId'])
			.where('strategyId', '=', s.id)
			.execute();
		const progress = await progressOfStrategy(
			t.db,
			await loadViewer(t.db, people.coordinator!),
			s.id,
			goals
		);
		// The task's card is in progress, on time: on track by its cards.
		expect(progress.get(s.task.id)?.status).toBe('on_track');
		// The participants indicator stands at 27 % of the way, where the path is far ahead this
		// year (2020 → 2028): off track, and so is the strategic goal above it.
		const expected = Math.min(100, ((new Date().getFullYear() - 2020) / 8) * 100);
		expect(expected - 27).toBeGreaterThan(25);
		expect(progress.get(s.operational.id)?.status).toBe('off_track');
		expect(progress.get(s.strategic.id)?.status).toBe('off_track');
		expect(progress.get(s.task2.id)?.status).toBe('no_data');
	});

	it('belong to strategic and operational goals only, set by a coordinator', async () => {
		const input = indicatorSchema.parse({
			name: 'x',
			unit: 'szt.',
			baselineValue: '1',
			baselineYear: '2020',
			targetValue: '2',
			targetYear: '2028',
			direction: 'up',
			aggregation: 'sum',
			frequency: 'yearly'
		});
		await expect(
			createIndicator(t.db, people.coordinator!, s.task.id, input)
		).rejects.toBeInstanceOf(ValidationError);
		await expect(
			createIndicator(t.db, people.lead!, s.operational.id, input)
		).rejects.toBeInstanceOf(ForbiddenError);
		expect(
			indicatorSchema.safeParse({
				...input,
				baselineValue: '5',
				targetValue: '2',
				baselineYear: '2020',
				targetYear: '2028'
			}).success
		).toBe(false);
	});
});
