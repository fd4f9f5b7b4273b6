import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema, reviewSchema } from '../../src/lib/schemas/monitoring';
import { can, cardFacts, loadViewer, type Actor } from '../../src/lib/server/auth/policy';
import { listNotifications } from '../../src/lib/server/notifications/service';
import { reviewReport, saveReport, submitReport } from '../../src/lib/server/reports/service';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Who hears of a report's steps: its reviewers when it is submitted (the lead's managers and the
// staff, exactly those can.reviewReport lets review it), its author when it is returned (with the
// reason) or accepted; never the person acting, never anyone who may not see the card.

let t: TestDatabase;
let card: { id: number };
const p: Record<string, Actor> = {};
const orgs: Record<string, { id: number }> = {};

const reportInput = () =>
	reportSchema.parse({
		organizationId: String(orgs.ngo!.id),
		periodStart: '2026-10-01',
		periodEnd: '2026-10-31',
		summary: 'Warsztaty w świetlicy'
	});

async function noticesOf(type: string, reportId: number) {
	const rows = await t.db
		.selectFrom('notification')
		.select(['userId', 'actorId'])
		.where('type', '=', type as 'report_submitted')
		.where('reportId', '=', reportId)
		.execute();
	return rows;
}

const idsOf = (...names: string[]) => names.map((n) => p[n]!.id).sort((a, b) => a - b);
const sorted = (rows: { userId: number }[]) => rows.map((r) => r.userId).sort((a, b) => a - b);

async function submitted() {
	const { id } = await saveReport(t.db, p.author!, card.id, reportInput());
	await submitReport(t.db, p.author!, card.id, { reportId: id });
	return id;
}

async function review(by: Actor, reportId: number, decision: 'accept' | 'return') {
	const { version } = await t.db
		.selectFrom('activityReport')
		.select('version')
		.where('id', '=', reportId)
		.executeTakeFirstOrThrow();
	await reviewReport(
		t.db,
		by,
		card.id,
		reviewSchema.parse({
			reportId: String(reportId),
			version: String(version),
			decision,
			...(decision === 'return' ? { reason: 'Proszę dodać listę obecności' } : {})
		})
	);
}

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	orgs.dept = await makeOrg(t.db, 'city_department');
	orgs.ngo = await makeOrg(t.db, 'ngo');
	orgs.other = await makeOrg(t.db, 'city_department');
	p.manager = await makePerson(t.db, 'member', [[orgs.dept.id, 'manager']]);
	p.manager2 = await makePerson(t.db, 'member', [[orgs.dept.id, 'manager']]);
	p.deptMember = await makePerson(t.db, 'member', [[orgs.dept.id, 'member']]);
	p.author = await makePerson(t.db, 'member', [[orgs.ngo.id, 'member']]);
	p.ngoManager = await makePerson(t.db, 'member', [[orgs.ngo.id, 'manager']]);
	p.outsider = await makePerson(t.db, 'member', [[orgs.other.id, 'manager']]);
	p.coordinator = await makePerson(t.db, 'coordinator');
	p.admin = await makePerson(t.db, 'admin');
	p.disabled = await makePerson(t.db, 'coordinator');
	await t.db
		.updateTable('user')
		.set({ disabledAt: new Date() })
		.where('id', '=', p.disabled.id)
		.execute();
	const board = await makeBoard(t.db, orgs.dept.id, s.id);
	card = await makeCard(t.db, board, board.columns[1], orgs.dept.id, [orgs.ngo.id], {
		goalId: s.task.id
	});
});

afterAll(() => t.destroy());

describe('notifications of a report', () => {
	it('tells exactly the reviewers of a submitted report, in its transaction', async () => {
		const id = await submitted();
		const notices = await noticesOf('report_submitted', id);
		expect(sorted(notices)).toEqual(idsOf('manager', 'manager2', 'coordinator', 'admin'));
		expect(notices.every((n) => n.actorId === p.author!.id)).toBe(true);
		// Exactly can.reviewReport turned round, and only people who may see the card.
		const facts = (await cardFacts(t.db, card.id))!;
		for (const [name, person] of Object.entries(p)) {
			const viewer = await loadViewer(t.db, person);
			const told = notices.some((n) => n.userId === person.id);
			const mayReview = name !== 'disabled' && can.reviewReport(viewer, facts, p.author!.id);
			expect(told, name).toBe(mayReview);
			if (told) expect(can.seeCard(viewer, facts), name).toBe(true);
		}
		// Each notice has its event, which pushes the unread count.
		const events = await t.db
			.selectFrom('event')
			.select('payload')
			.where('type', '=', 'notification.created')
			.where('actorId', '=', p.author!.id)
			.execute();
		expect(events.length).toBe(notices.length);
	});

	it('never tells the author of their own submission, not even a manager of the lead', async () => {
		// A manager of the lead reporting for it: the other reviewers are told, not the author.
		await t.db
			.insertInto('membership')
			.values({ userId: p.manager!.id, organizationId: orgs.ngo!.id, role: 'member' })
			.execute();
		const { id } = await saveReport(t.db, p.manager!, card.id, reportInput());
		await submitReport(t.db, p.manager!, card.id, { reportId: id });
		expect(sorted(await noticesOf('report_submitted', id))).toEqual(
			idsOf('manager2', 'coordinator', 'admin')
		);
		await t.db
			.deleteFrom('membership')
			.where('userId', '=', p.manager!.id)
			.where('organizationId', '=', orgs.ngo!.id)
			.execute();
	});

	it('writes nothing for a draft, or when a submission is refused', async () => {
		const { id } = await saveReport(t.db, p.author!, card.id, reportInput());
		expect(await noticesOf('report_submitted', id)).toEqual([]);
		await expect(submitReport(t.db, p.outsider!, card.id, { reportId: id })).rejects.toThrow();
		expect(await noticesOf('report_submitted', id)).toEqual([]);
	});

	it('tells the author of a return, with the reason in their list, and no one else', async () => {
		const id = await submitted();
		await review(p.manager!, id, 'return');
		expect(sorted(await noticesOf('report_returned', id))).toEqual(idsOf('author'));
		const mine = await listNotifications(t.db, p.author!);
		expect(mine.find((n) => n.reportId === id && n.type === 'report_returned')).toMatchObject({
			cardId: card.id,
			returnReason: 'Proszę dodać listę obecności',
			readAt: null
		});
	});

	it('tells the author of an acceptance', async () => {
		const id = await submitted();
		await review(p.coordinator!, id, 'accept');
		const notices = await noticesOf('report_accepted', id);
		expect(sorted(notices)).toEqual(idsOf('author'));
		expect(notices[0]!.actorId).toBe(p.coordinator!.id);
	});

	it('does not tell an author who may no longer see the card', async () => {
		const id = await submitted();
		await t.db
			.deleteFrom('membership')
			.where('userId', '=', p.author!.id)
			.where('organizationId', '=', orgs.ngo!.id)
			.execute();
		await review(p.manager!, id, 'return');
		expect(await noticesOf('report_returned', id)).toEqual([]);
		await t.db
			.insertInto('membership')
			.values({ userId: p.author!.id, organizationId: orgs.ngo!.id, role: 'member' })
			.execute();
	});
});
