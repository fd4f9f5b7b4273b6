import type { ReportInput, ReviewInput } from '$lib/schemas/monitoring';
import { can, loadViewer, whoSees, type Actor, type CardFacts, type Viewer } from '../auth/policy';
import { goalChain } from '../cards/repository';
import { visibleCard } from '../cards/service';
import type { Db } from '../db';
import type { ReportStatus } from '../db/schema';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import type { EventPayload, EventType } from '$lib/events/catalogue';
import { recordEvent, type NewEvent } from '../events/repository';
import { notify } from '../notifications/repository';
import * as repo from './repository';
import { filesOf, type FilesByOwner } from '../attachments/service';

// Activity reports: an organisation taking part in a card reports what it did. The author writes
// a draft, submits it; the lead organisation's managers or a coordinator accept it or return it
// with a reason; a returned report is corrected and submitted again. Every step is an event, so
// the history is the event table's and the card's open dialogs follow live. Only accepted
// reports' indicator values count.

/** Indicators a card's reports may give values for: those of its goal and the goals above it. */
export async function reportableIndicators(db: Db, goalId: number | null) {
	return goalId === null ? [] : indicatorsOfChain(db, await goalChain(db, goalId));
}

/** The same, for a goal whose chain (from the root down) is already loaded. */
async function indicatorsOfChain(db: Db, goals: Awaited<ReturnType<typeof goalChain>>) {
	const chain = goals.filter((g) => g.level === 'operational' || g.level === 'strategic');
	if (chain.length === 0) return [];
	return repo.indicatorsOfGoals(
		db,
		chain.map((g) => g.id)
	);
}

/** The reports of a card the viewer may read: all but other people's drafts. */
export async function listReports(db: Db, actor: Actor, cardId: number) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	return reportsOfCard(db, viewer, card, facts);
}

/** The same, for a card the viewer has been shown (visibleCard): no second check. */
export async function reportsOfCard(
	db: Db,
	viewer: Viewer,
	card: { id: number },
	facts: CardFacts,
	loaded?: FilesByOwner
) {
	const reports = await repo.listReportRows(db, card.id, viewer.id);
	const ids = reports.map((r) => r.id);
	// The card dialog has loaded every file of the card already (attachments/service cardFiles);
	// only the listed reports' evidence is shown.
	const [values, evidence] = await Promise.all([
		ids.length ? repo.valuesOfReports(db, ids) : [],
		loaded ?? filesOf(db, card.id, 'reportId', ids)
	]);
	return reports.map((r) => ({
		...r,
		values: values.filter((v) => v.reportId === r.id),
		evidence: evidence.get(r.id) ?? [],
		canEdit: r.authorId === viewer.id && (r.status === 'draft' || r.status === 'returned'),
		canReview: r.status === 'submitted' && can.reviewReport(viewer, facts, r.authorId)
	}));
}

/**
 * What the report form offers a viewer: the organisations they may report for, the indicators.
 * For a card the viewer has been shown (visibleCard), with its goal's chain already loaded.
 */
export async function reportOptionsOfCard(
	db: Db,
	viewer: Viewer,
	card: { orgs: { id: number; name: string; shortName: string | null }[] },
	facts: CardFacts,
	chain: Awaited<ReturnType<typeof goalChain>>
) {
	const organizations = card.orgs
		.filter((o) => can.reportFor(viewer, facts, o.id))
		.map(({ id, name, shortName }) => ({ id, name, shortName }));
	return { organizations, indicators: await indicatorsOfChain(db, chain) };
}

async function checkValues(db: Db, goalId: number | null, values: ReportInput['values']) {
	if (values.length === 0) return;
	const allowed = new Set((await reportableIndicators(db, goalId)).map((i) => i.id));
	if (values.some((v) => !allowed.has(v.indicatorId)))
		throw new ValidationError('indicatorValue', 'report_indicator_unrelated');
}

async function writeValues(trx: Db, reportId: number, input: ReportInput, actorId: number) {
	await repo.deleteReportValues(trx, reportId);
	if (input.values.length === 0) return;
	await repo.insertIndicatorValues(
		trx,
		input.values.map((v) => ({
			indicatorId: v.indicatorId,
			reportId,
			periodStart: input.periodStart,
			periodEnd: input.periodEnd,
			value: v.value,
			enteredBy: actorId
		}))
	);
}

/** Writes a new draft, or changes the author's own draft or returned report. */
export async function saveReport(
	db: Db,
	actor: Actor,
	cardId: number,
	input: ReportInput,
	existing?: { reportId: number; version: number }
) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	if (!can.reportFor(viewer, facts, input.organizationId))
		throw card.orgs.some((o) => viewer.orgs.has(o.id))
			? new ValidationError('organizationId', 'report_organization_not_yours')
			: new ForbiddenError();
	await checkValues(db, card.goalId, input.values);
	const fields = {
		organizationId: input.organizationId,
		periodStart: input.periodStart,
		periodEnd: input.periodEnd,
		summary: input.summary,
		participants: input.participants,
		outputs: input.outputs,
		links: input.links
	};
	return db.transaction().execute(async (trx) => {
		let id: number;
		if (existing) {
			const report = await ownEditable(trx, viewer, cardId, existing);
			const row = await repo.updateReportAt(trx, report.id, existing.version, {
				...fields,
				version: report.version + 1,
				updatedAt: new Date()
			});
			if (!row) throw new ConflictError('report_stale');
			id = row.id;
		} else {
			id = (
				await repo.insertReport(trx, { ...fields, cardId, authorId: viewer.id, status: 'draft' })
			).id;
		}
		await writeValues(trx, id, input, viewer.id);
		await reportEvent(trx, viewer.id, 'report.saved', { id, cardId, boardId: card.boardId });
		return { id };
	});
}

async function findReport(db: Db, cardId: number, reportId: number) {
	const report = await repo.findReportOfCard(db, cardId, reportId);
	if (!report) throw new NotFoundError();
	return report;
}

async function ownEditable(
	db: Db,
	viewer: Viewer,
	cardId: number,
	ref: { reportId: number; version: number }
) {
	const report = await findReport(db, cardId, ref.reportId);
	// Someone else's draft is not there for this person.
	if (report.authorId !== viewer.id) {
		if (report.status === 'draft') throw new NotFoundError();
		throw new ForbiddenError();
	}
	if (report.status !== 'draft' && report.status !== 'returned')
		throw new ConflictError('report_not_editable');
	if (report.version !== ref.version) throw new ConflictError('report_stale');
	return report;
}

type ReportEventType = Extract<EventType, `report.${string}`>;

function reportEvent<T extends ReportEventType>(
	trx: Db,
	actorId: number,
	type: T,
	r: { id: number; cardId: number; boardId: number },
	payload?: EventPayload<T>
) {
	return recordEvent(trx, {
		actorId,
		type,
		entityId: r.id,
		boardId: r.boardId,
		cardId: r.cardId,
		payload
	} as NewEvent<T>);
}

async function transition(
	db: Db,
	viewer: Viewer,
	report: { id: number; version: number; cardId: number; authorId: number | null },
	boardId: number,
	to: Exclude<ReportStatus, 'draft'>,
	set: { returnReason?: string | null; reviewedBy?: number; reviewedAt?: Date; submittedAt?: Date },
	payload?: EventPayload<`report.${typeof to}`>
) {
	return db.transaction().execute(async (trx) => {
		const row = await repo.updateReportAt(trx, report.id, report.version, {
			...set,
			status: to,
			version: report.version + 1,
			updatedAt: new Date()
		});
		if (!row) throw new ConflictError('report_stale');
		await reportEvent(
			trx,
			viewer.id,
			`report.${to}`,
			{ id: report.id, cardId: report.cardId, boardId },
			payload
		);
		await notifyOfReport(trx, viewer.id, report, to);
	});
}

/**
 * Who hears of a step, in its transaction: a submitted report's reviewers (can.reviewReport turned
 * round, so never its author); a reviewed report's author, while they may still see the card.
 */
async function notifyOfReport(
	trx: Db,
	actorId: number,
	report: { id: number; cardId: number; authorId: number | null },
	to: Exclude<ReportStatus, 'draft'>
) {
	const people =
		to === 'submitted'
			? await whoSees.reportReviewers(trx, report.cardId, report.authorId).execute()
			: report.authorId === null
				? []
				: await whoSees.card(trx, report.cardId).where('user.id', '=', report.authorId).execute();
	await notify(trx, {
		userIds: people.map((p) => p.id),
		type: `report_${to}`,
		cardId: report.cardId,
		reportId: report.id,
		actorId
	});
}

/**
 * The author sends a draft (or a corrected returned report) for review, as it is stored now: no
 * version is named, since only its author may change it and no reviewer may act on it yet.
 */
export async function submitReport(
	db: Db,
	actor: Actor,
	cardId: number,
	ref: { reportId: number }
) {
	const viewer = await loadViewer(db, actor);
	const { card } = await visibleCard(db, viewer, cardId);
	const stored = await findReport(db, cardId, ref.reportId);
	const report = await ownEditable(db, viewer, cardId, { ...ref, version: stored.version });
	await transition(db, viewer, report, card.boardId, 'submitted', {
		submittedAt: new Date(),
		returnReason: null
	});
}

/** The lead's managers or a coordinator accept a submitted report, or return it with a reason. */
export async function reviewReport(db: Db, actor: Actor, cardId: number, input: ReviewInput) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	const report = await findReport(db, cardId, input.reportId);
	if (report.status === 'draft') throw new NotFoundError();
	if (report.authorId === viewer.id) throw new ForbiddenError('report_review_own');
	if (!can.reviewReport(viewer, facts, report.authorId)) throw new ForbiddenError();
	if (report.status !== 'submitted') throw new ConflictError('report_not_submitted');
	if (report.version !== input.version) throw new ConflictError('report_stale');
	const accept = input.decision === 'accept';
	await transition(
		db,
		viewer,
		report,
		card.boardId,
		accept ? 'accepted' : 'returned',
		{ reviewedBy: viewer.id, reviewedAt: new Date(), returnReason: accept ? null : input.reason },
		accept ? {} : { reason: input.reason }
	);
}

/** A person's reports on every card they may still see, newest first, with their states. */
export async function myReports(db: Db, actor: Actor) {
	return repo.listReportsOfAuthor(db, actor.id);
}
