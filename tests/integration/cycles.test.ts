import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCycleSchema, openCycleSchema } from '../../src/lib/schemas/cycles';
import { indicatorSchema, reportSchema, reviewSchema } from '../../src/lib/schemas/monitoring';
import { loadViewer, type Actor } from '../../src/lib/server/auth/policy';
import { cycleXlsx } from '../../src/lib/server/cycles/export';
import { sweepCycleReminders } from '../../src/lib/server/cycles/reminders';
import {
	closeCycle,
	closedFiguresOfGoal,
	cycleForExport,
	cyclePage,
	deskCycleLines,
	listCycles,
	openCycle
} from '../../src/lib/server/cycles/service';
import { produceEmails, type MailSettings } from '../../src/lib/server/email/producer';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/errors';
import { createIndicator } from '../../src/lib/server/indicators/service';
import { monitoringReport } from '../../src/lib/server/monitoring/report';
import { listNotifications } from '../../src/lib/server/notifications/service';
import { reviewReport, saveReport, submitReport } from '../../src/lib/server/reports/service';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Reporting cycles on a small known world: who must report, each card's state, reminders written
// once and stopping when the reports are in (in the app and in the e-mail outbox), closing that
// freezes the figures while the live report moves on, who may do what, and refused input.

let t: TestDatabase;
let s: Awaited<ReturnType<typeof makeStrategy>>;
let other: Awaited<ReturnType<typeof makeStrategy>>;
let slug: string;
let coordinator: Actor;
let deptManager: Actor;
let ngoMember: Actor;
let ngo2Member: Actor;
let outsider: Actor;
let orgs: Record<'dept' | 'ngo' | 'ngo2', { id: number; name: string }>;
let cards: Record<'a' | 'b' | 'c' | 'noGoal' | 'archived' | 'doneBefore' | 'later', number>;
let indicatorId: number;
let cycleId: number;

const settings: MailSettings = { origin: 'https://tablice.example', deliver: false, digestHour: 7 };
const PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-12-31' };

const openInput = (extra: Record<string, unknown> = {}) =>
	openCycleSchema.parse({
		title: 'Monitoring 2026',
		...PERIOD,
		deadline: '2027-01-31',
		remindBefore: '14, 3',
		remindAfter: '1',
		...extra
	});

async function report(
	who: Actor,
	cardId: number,
	organizationId: number,
	from: string,
	to: string,
	value?: string
) {
	const input = reportSchema.parse({
		organizationId: String(organizationId),
		periodStart: from,
		periodEnd: to,
		summary: `Działania ${cardId} ${from}`,
		participants: '10',
		...(value ? { indicatorId: String(indicatorId), indicatorValue: value } : {})
	});
	const { id } = await saveReport(t.db, who, cardId, input);
	return id;
}

async function review(cardId: number, reportId: number, decision: 'accept' | 'return') {
	const { version } = await t.db
		.selectFrom('activityReport')
		.select('version')
		.where('id', '=', reportId)
		.executeTakeFirstOrThrow();
	await reviewReport(
		t.db,
		coordinator,
		cardId,
		reviewSchema.parse({
			reportId: String(reportId),
			version: String(version),
			decision,
			...(decision === 'return' ? { reason: 'Uzupełnij liczby.' } : {})
		})
	);
}

const count = async (table: 'reportingCycle' | 'event' | 'notification' | 'emailMessage') =>
	Number(
		(
			await t.db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

const statesOf = async (actor: Actor) =>
	Object.fromEntries(
		(await cyclePage(t.db, actor, slug, cycleId)).rows.map((r) => [r.cardId, r.state])
	);

beforeAll(async () => {
	t = await createTestDatabase();
	s = await makeStrategy(t.db);
	other = await makeStrategy(t.db);
	slug = (
		await t.db
			.selectFrom('strategy')
			.select('slug')
			.where('id', '=', s.id)
			.executeTakeFirstOrThrow()
	).slug;
	orgs = {
		dept: await makeOrg(t.db, 'city_department'),
		ngo: await makeOrg(t.db, 'ngo'),
		ngo2: await makeOrg(t.db, 'ngo')
	};
	coordinator = await makePerson(t.db, 'coordinator');
	deptManager = await makePerson(t.db, 'member', [[orgs.dept.id, 'manager']]);
	ngoMember = await makePerson(t.db, 'member', [[orgs.ngo.id, 'member']]);
	ngo2Member = await makePerson(t.db, 'member', [[orgs.ngo2.id, 'member']]);
	outsider = await makePerson(t.db, 'member');
	await t.db.updateTable('user').set({ locale: 'en' }).where('id', '=', deptManager.id).execute();
	const board = await makeBoard(t.db, orgs.dept.id, s.id);
	const [todo, , , done] = board.columns;
	const card = async (
		lead: number,
		extra: { goalId?: number },
		column = todo,
		partners: number[] = []
	) => (await makeCard(t.db, board, column, lead, partners, extra)).id;
	cards = {
		a: await card(orgs.ngo.id, { goalId: s.task.id }),
		b: await card(orgs.ngo.id, { goalId: s.task2.id }),
		// The second NGO partners it: it may report on it, and sees it in its part.
		c: await card(orgs.dept.id, { goalId: s.task.id }, todo, [orgs.ngo2.id]),
		noGoal: await card(orgs.ngo2.id, {}),
		archived: await card(orgs.ngo2.id, { goalId: s.task.id }),
		doneBefore: await card(orgs.ngo2.id, { goalId: s.task.id }, done),
		later: await card(orgs.ngo2.id, { goalId: s.task.id })
	};
	await t.db
		.updateTable('card')
		.set({ archivedAt: new Date('2025-06-01T00:00:00Z') })
		.where('id', '=', cards.archived)
		.execute();
	await t.db
		.updateTable('card')
		.set({ dueDate: '2025-11-30' })
		.where('id', '=', cards.doneBefore)
		.execute();
	await t.db
		.updateTable('card')
		.set({ startDate: '2027-03-01' })
		.where('id', '=', cards.later)
		.execute();
	// A card of another strategy is never in this one's cycles.
	const otherBoard = await makeBoard(t.db, orgs.ngo2.id, other.id);
	await makeCard(t.db, otherBoard, otherBoard.columns[0], orgs.ngo2.id, [], {
		goalId: other.task.id
	});
	indicatorId = (
		await createIndicator(
			t.db,
			coordinator,
			s.operational.id,
			indicatorSchema.parse({
				name: 'Uczestnicy',
				unit: 'os.',
				baselineValue: '0',
				baselineYear: '2020',
				targetValue: '200',
				targetYear: '2028',
				direction: 'up',
				aggregation: 'sum',
				frequency: 'yearly'
			})
		)
	).id;
	cycleId = (await openCycle(t.db, coordinator, slug, openInput())).id;
});

afterAll(() => t.destroy());

describe('who must report', () => {
	it('is the lead of every card under the cycle’s goals active in its period', async () => {
		const page = await cyclePage(t.db, coordinator, slug, cycleId);
		expect(page.rows.map((r) => [r.cardId, r.organizationId]).sort()).toEqual(
			[
				[cards.a, orgs.ngo.id],
				[cards.b, orgs.ngo.id],
				[cards.c, orgs.dept.id]
			].sort()
		);
		expect(page.progress).toMatchObject({ total: 3, accepted: 0, notStarted: 3 });
	});

	it('keeps to the chosen goals and those below them', async () => {
		const only = await openCycle(
			t.db,
			coordinator,
			slug,
			openInput({ title: 'Tylko 1.1.2', goalIds: [String(s.task2.id)] })
		);
		const page = await cyclePage(t.db, coordinator, slug, only.id);
		expect(page.rows.map((r) => r.cardId)).toEqual([cards.b]);
		const whole = await openCycle(
			t.db,
			coordinator,
			slug,
			openInput({ title: 'Cały cel 1', goalIds: [String(s.strategic.id)] })
		);
		expect((await cyclePage(t.db, coordinator, slug, whole.id)).rows).toHaveLength(3);
		// Not needed further: closed so that they send no reminders.
		await closeCycle(t.db, coordinator, slug, only.id);
		await closeCycle(t.db, coordinator, slug, whole.id);
	});
});

describe('a partner’s report', () => {
	it('counts for the card it partners, in the cycle its period falls in', async () => {
		const next = await openCycle(
			t.db,
			coordinator,
			slug,
			openInput({
				title: 'Monitoring 2027',
				periodStart: '2027-01-01',
				periodEnd: '2027-06-30',
				deadline: '2027-07-31'
			})
		);
		const id = await report(ngo2Member, cards.c, orgs.ngo2.id, '2027-02-01', '2027-02-28');
		const page = await cyclePage(t.db, coordinator, slug, next.id);
		// The department leads the card; the partner's draft is its state.
		expect(page.rows.find((r) => r.cardId === cards.c)).toMatchObject({
			organizationId: orgs.dept.id,
			state: 'draft',
			reportId: id
		});
		// A card starting in March is active in this period, not in 2026's.
		expect(page.rows.some((r) => r.cardId === cards.later)).toBe(true);
		await closeCycle(t.db, coordinator, slug, next.id);
	});
});

describe('states and reminders', () => {
	it('follows each card’s reports in the period', async () => {
		const a = await report(ngoMember, cards.a, orgs.ngo.id, '2026-03-01', '2026-03-31', '30');
		// Outside the period: it does not count.
		await report(ngoMember, cards.b, orgs.ngo.id, '2025-03-01', '2025-03-31');
		const c = await report(deptManager, cards.c, orgs.dept.id, '2026-05-01', '2026-06-30');
		expect(await statesOf(coordinator)).toEqual({
			[cards.a]: 'draft',
			[cards.b]: 'not_started',
			[cards.c]: 'draft'
		});
		await submitReport(t.db, ngoMember, cards.a, { reportId: a });
		await submitReport(t.db, deptManager, cards.c, { reportId: c });
		expect((await statesOf(coordinator))[cards.a]).toBe('submitted');
		await review(cards.a, a, 'accept');
		await review(cards.c, c, 'return');
		expect(await statesOf(coordinator)).toEqual({
			[cards.a]: 'accepted',
			[cards.b]: 'not_started',
			[cards.c]: 'returned'
		});
		const page = await cyclePage(t.db, coordinator, slug, cycleId, { state: 'returned' });
		expect(page.rows.map((r) => r.cardId)).toEqual([cards.c]);
		const byOrg = await cyclePage(t.db, coordinator, slug, cycleId, {
			organization: orgs.ngo.id
		});
		expect(byOrg.rows.map((r) => r.cardId).sort()).toEqual([cards.a, cards.b].sort());
		expect(page.progress).toMatchObject({ total: 3, accepted: 1, returned: 1, notStarted: 1 });
	});

	it('shows each organisation its own line on the desk', async () => {
		const lines = await deskCycleLines(t.db, await loadViewer(t.db, ngoMember));
		expect(lines).toMatchObject([
			{ cycleId, organizationId: orgs.ngo.id, outstanding: 1, total: 2, deadline: '2027-01-31' }
		]);
		expect(lines[0]!.href).toBe(
			`/strategies/${slug}/cycles/${cycleId}?organization=${orgs.ngo.id}`
		);
		expect(await deskCycleLines(t.db, await loadViewer(t.db, outsider))).toEqual([]);
		// A partner sees the card it may report on too.
		expect(await deskCycleLines(t.db, await loadViewer(t.db, ngo2Member))).toMatchObject([
			{ cycleId, organizationId: orgs.ngo2.id, outstanding: 1, total: 1 }
		]);
	});

	it('reminds once per organisation, person and step, and stops when the reports are in', async () => {
		// 14 days before the deadline is 17 January.
		expect(await sweepCycleReminders(t.db, '2027-01-16')).toBe(0);
		const before = await count('notification');
		// The NGO has one card not started, the department one returned: both are reminded.
		expect(await sweepCycleReminders(t.db, '2027-01-17')).toBe(2);
		// Again that day, a later day of the same step, or after a restart: nothing more.
		expect(await sweepCycleReminders(t.db, '2027-01-17')).toBe(0);
		expect(await sweepCycleReminders(t.db, '2027-01-20')).toBe(0);
		expect((await count('notification')) - before).toBe(2);
		const reminders = await t.db
			.selectFrom('reportingCycleReminder')
			.selectAll()
			.where('cycleId', '=', cycleId)
			.orderBy('userId')
			.execute();
		// The lead organisations' members, who must report; not the partner's.
		expect(reminders.map((r) => [r.userId, r.organizationId, r.step, r.outstanding])).toEqual(
			(
				[
					[deptManager.id, orgs.dept.id, 'before:14', 1],
					[ngoMember.id, orgs.ngo.id, 'before:14', 1]
				] as const
			)
				.slice()
				.sort((x, y) => x[0] - y[0])
		);
		expect(reminders.every((r) => r.notificationId !== null)).toBe(true);

		// In the app: the bell's list names the cycle and leads to the organisation's part.
		const mine = await listNotifications(t.db, ngoMember);
		expect(mine[0]).toMatchObject({
			type: 'cycle_reminder',
			cardId: null,
			cycleId,
			cycleTitle: 'Monitoring 2026',
			cycleOrganizationId: orgs.ngo.id,
			cycleOutstanding: 1
		});

		// By e-mail: kept in the outbox (no mail server), in each person's language.
		// (The reports' own notices of the steps above are mailed in the same turn.)
		await produceEmails(t.db, settings, new Date('2027-01-17T08:00:00Z'));
		const mails = await t.db
			.selectFrom('emailMessage')
			.selectAll()
			.where('kind', '=', 'cycle_reminder')
			.orderBy('userId')
			.execute();
		expect(mails.map((m) => [m.userId, m.status])).toEqual(
			[
				[deptManager.id, 'kept'],
				[ngoMember.id, 'kept']
			].sort((x, y) => Number(x[0]) - Number(y[0]))
		);
		const pl = mails.find((m) => m.userId === ngoMember.id)!;
		const en = mails.find((m) => m.userId === deptManager.id)!;
		expect(pl.subject).toBe('Monitoring 2026: raporty do 31 stycznia 2027');
		expect(pl.text).toContain('1 karta czeka jeszcze na raport');
		expect(pl.text).toContain(
			`${settings.origin}/strategies/${slug}/cycles/${cycleId}?organization=${orgs.ngo.id}`
		);
		expect(en.subject).toBe('Monitoring 2026: reports due 31 January 2027');
		expect(en.text).toContain('1 card is still to be reported on');
		expect(en.html).toContain(`cycles/${cycleId}?organization=${orgs.dept.id}`);
		// Produced once: a second turn writes nothing.
		expect(await produceEmails(t.db, settings, new Date('2027-01-17T08:01:00Z'))).toBe(0);

		// The NGO's last card is submitted: its reports are in, its reminders stop.
		const b = await report(ngoMember, cards.b, orgs.ngo.id, '2026-09-01', '2026-12-31', '5');
		await submitReport(t.db, ngoMember, cards.b, { reportId: b });
		expect(await sweepCycleReminders(t.db, '2027-01-28')).toBe(1);
		const second = await t.db
			.selectFrom('reportingCycleReminder')
			.select(['userId', 'step'])
			.where('cycleId', '=', cycleId)
			.where('step', '=', 'before:3')
			.execute();
		expect(second).toEqual([{ userId: deptManager.id, step: 'before:3' }]);
	});
});

describe('who may do what', () => {
	it('lets only the coordinator open and close a cycle, writing nothing else', async () => {
		const [cycles, events] = [await count('reportingCycle'), await count('event')];
		await expect(openCycle(t.db, ngoMember, slug, openInput())).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(closeCycle(t.db, deptManager, slug, cycleId)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(openCycle(t.db, coordinator, 'no-such', openInput())).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect([await count('reportingCycle'), await count('event')]).toEqual([cycles, events]);
	});

	it('shows an organisation only its own part, and the export only to the coordinator', async () => {
		const ngo = await cyclePage(t.db, ngoMember, slug, cycleId);
		expect(new Set(ngo.rows.map((r) => r.organizationId))).toEqual(new Set([orgs.ngo.id]));
		expect(ngo.staff).toBe(false);
		// Asking for another organisation's part gives nothing.
		const asked = await cyclePage(t.db, ngoMember, slug, cycleId, { organization: orgs.dept.id });
		expect(asked.rows).toEqual([]);
		expect((await cyclePage(t.db, outsider, slug, cycleId)).rows).toEqual([]);
		// A partner's part: the card it partners, under its lead.
		const partner = await cyclePage(t.db, ngo2Member, slug, cycleId);
		expect(partner.rows.map((r) => [r.cardId, r.organizationId])).toEqual([
			[cards.c, orgs.dept.id]
		]);
		expect(partner.organizations.map((o) => [o.id, o.leads])).toEqual([[orgs.ngo2.id, 0]]);
		const list = await listCycles(t.db, ngoMember, slug);
		expect(list.canManage).toBe(false);
		expect(list.cycles.find((c) => c.id === cycleId)!.progress.total).toBe(2);
		await expect(cycleForExport(t.db, ngoMember, slug, cycleId, {})).rejects.toBeInstanceOf(
			NotFoundError
		);
		// A cycle is found only under its own strategy.
		const otherSlug = (
			await t.db
				.selectFrom('strategy')
				.select('slug')
				.where('id', '=', other.id)
				.executeTakeFirstOrThrow()
		).slug;
		await expect(cyclePage(t.db, coordinator, otherSlug, cycleId)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});

	it('exports the table as XLSX that reads back', async () => {
		const page = await cycleForExport(t.db, coordinator, slug, cycleId, {});
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await cycleXlsx(page)) as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		expect(sheet.rowCount).toBe(4);
		const titles = sheet.getColumn(3).values.slice(2);
		expect(new Set(titles)).toEqual(new Set(page.rows.map((r) => r.cardTitle)));
	});
});

describe('refused input', () => {
	it('refuses a period out of order, a deadline before its end, a goal of another strategy', async () => {
		const bad = (extra: Record<string, unknown>) =>
			openCycleSchema.safeParse({ title: 'X', ...PERIOD, deadline: '2027-01-31', ...extra });
		const order = bad({ periodStart: '2026-12-31', periodEnd: '2026-01-01' });
		expect(order.success).toBe(false);
		expect(order.error?.issues.map((i) => i.path.join('.'))).toContain('periodEnd');
		const deadline = bad({ deadline: '2026-12-30' });
		expect(deadline.error?.issues.map((i) => i.path.join('.'))).toEqual(['deadline']);
		expect(bad({ remindBefore: '14, x' }).success).toBe(false);
		expect(bad({ deadline: '2026-02-30' }).success).toBe(false);
		expect(bad({ title: '' }).success).toBe(false);
		// Closing, which cannot be undone, is asked for in so many words.
		expect(closeCycleSchema.safeParse({}).success).toBe(false);
		expect(closeCycleSchema.safeParse({ confirm: 'on' }).success).toBe(true);

		const [cycles, events] = [await count('reportingCycle'), await count('event')];
		await expect(
			openCycle(t.db, coordinator, slug, openInput({ goalIds: [String(other.operational.id)] }))
		).rejects.toBeInstanceOf(ValidationError);
		expect([await count('reportingCycle'), await count('event')]).toEqual([cycles, events]);
	});
});

describe('closing', () => {
	it('freezes the figures: later changes move the live report, never the snapshot', async () => {
		const period = { from: PERIOD.periodStart, to: PERIOD.periodEnd };
		const liveBefore = await monitoringReport(t.db, coordinator, slug, period);
		const snapshot = await closeCycle(t.db, coordinator, slug, cycleId);
		expect(snapshot.progress).toMatchObject({ total: 3, accepted: 1, submitted: 1, returned: 1 });
		expect(snapshot.monitoring.activities).toHaveLength(liveBefore.activities.length);
		expect(snapshot.values.map((v) => v.value)).toEqual([30]);
		const indicatorAtClose = snapshot.monitoring.indicators.find((i) => i.id === indicatorId)!;
		expect(indicatorAtClose.value).toBe(30);

		// After close: the NGO's submitted report is accepted.
		const b = await t.db
			.selectFrom('activityReport')
			.select('id')
			.where('cardId', '=', cards.b)
			.where('status', '=', 'submitted')
			.executeTakeFirstOrThrow();
		await review(cards.b, b.id, 'accept');

		const live = await monitoringReport(t.db, coordinator, slug, period);
		expect(live.activities).toHaveLength(liveBefore.activities.length + 1);
		expect(live.indicators.find((i) => i.id === indicatorId)!.value).toBe(35);

		const page = await cyclePage(t.db, coordinator, slug, cycleId);
		expect(page.cycle.status).toBe('closed');
		expect(page.rows.find((r) => r.cardId === cards.b)!.state).toBe('submitted');
		expect(page.closed!.monitoring.activities).toHaveLength(liveBefore.activities.length);
		// The goal page's closed figures are the snapshot's.
		const figures = await closedFiguresOfGoal(t.db, {
			id: s.operational.id,
			strategyId: s.id
		});
		expect(figures.find((f) => f.id === cycleId)!.indicators).toEqual([
			{ id: indicatorId, value: 30 }
		]);
		// An organisation sees its own part of the snapshot; not the monitoring figures.
		const ngo = await cyclePage(t.db, ngoMember, slug, cycleId);
		expect(ngo.rows.every((r) => r.organizationId === orgs.ngo.id)).toBe(true);
		expect(ngo.closed).toBeNull();

		// Closed: no more reminders, and not closed twice.
		expect(await sweepCycleReminders(t.db, '2027-02-01')).toBe(0);
		await expect(closeCycle(t.db, coordinator, slug, cycleId)).rejects.toBeInstanceOf(
			ConflictError
		);
		const events = await t.db
			.selectFrom('event')
			.select(['type', 'payload'])
			.where('entityType', '=', 'reporting_cycle')
			.where('entityId', '=', cycleId)
			.orderBy('id')
			.execute();
		expect(events.map((e) => e.type)).toEqual(['cycle.opened', 'cycle.closed']);
		expect(events[1]!.payload).toMatchObject({ required: 3, accepted: 1 });
	});
});
