import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database, MembershipRole } from '../db/schema';
import { NotFoundError } from '../errors';
import type { SessionUser } from './session';

// Who may do what, in one place. Routes and services ask here; nothing else decides.
// What a person may not see answers 404, so the existence of a page is not disclosed.

export type Actor = Pick<SessionUser, 'id' | 'role'>;

/** A signed-in person with the organisations they belong to: what every board rule needs. */
export interface Viewer extends Actor {
	orgs: ReadonlyMap<number, MembershipRole>;
}

/** The facts about a board the rules look at. */
export interface BoardFacts {
	ownerOrganizationId: number;
	/** Organisations taking part in a joint board (the owner included). */
	participantIds: readonly number[];
}

/** The facts about a card the rules look at: its board and its lead and partner organisations. */
export interface CardFacts {
	board: BoardFacts;
	leadId: number | null;
	partnerIds: readonly number[];
}

const isStaff = (actor: Actor) => actor.role === 'admin' || actor.role === 'coordinator';
const memberOf = (viewer: Viewer, orgId: number | null) => orgId !== null && viewer.orgs.has(orgId);
const managerOf = (viewer: Viewer, orgId: number) => viewer.orgs.get(orgId) === 'manager';
const takesPart = (viewer: Viewer, card: CardFacts) =>
	memberOf(viewer, card.leadId) || card.partnerIds.some((id) => memberOf(viewer, id));

export const can = {
	/** Manage people, their roles and organisations. */
	administer: (actor: Actor) => actor.role === 'admin',
	/** Edit the goal tree: add, edit, reorder, remove goals and import outlines. */
	editStrategy: (actor: Actor) => isStaff(actor),
	/** Everything on every board: administrators and the strategy coordinator. */
	seeEverything: (actor: Actor) => isStaff(actor),
	/** Open and close a strategy's reporting cycles and export a cycle whole. */
	manageCycles: (actor: Actor) => isStaff(actor),

	/** Open a board: its participants see it (a partner on one of its cards sees it too, see below). */
	seeBoard: (viewer: Viewer, board: BoardFacts) =>
		isStaff(viewer) ||
		memberOf(viewer, board.ownerOrganizationId) ||
		board.participantIds.some((id) => memberOf(viewer, id)),
	/** Rename the board, manage its columns and WIP limits. */
	manageBoard: (viewer: Viewer, board: BoardFacts) =>
		isStaff(viewer) || managerOf(viewer, board.ownerOrganizationId),
	/** Add a card to a board: anyone whose organisation owns or takes part in it. */
	createCard: (viewer: Viewer, board: BoardFacts) => can.seeBoard(viewer, board),

	/**
	 * A card is visible to the board's owner and to the card's lead and partners; on a joint board
	 * the other participants do not see it.
	 */
	seeCard: (viewer: Viewer, card: CardFacts) =>
		isStaff(viewer) || memberOf(viewer, card.board.ownerOrganizationId) || takesPart(viewer, card),
	/** Move a card and comment on it: its lead and partners, board managers, coordinators. */
	moveCard: (viewer: Viewer, card: CardFacts) =>
		isStaff(viewer) || takesPart(viewer, card) || can.manageBoard(viewer, card.board),
	/** Edit a card's fields and partners, archive or restore it. */
	editCard: (viewer: Viewer, card: CardFacts) =>
		isStaff(viewer) || memberOf(viewer, card.leadId) || can.manageBoard(viewer, card.board),
	/** Report an activity on a card, for an organisation: a member of its lead or a partner. */
	reportFor: (viewer: Viewer, card: CardFacts, organizationId: number) =>
		memberOf(viewer, organizationId) &&
		(organizationId === card.leadId || card.partnerIds.includes(organizationId)),
	/**
	 * See a report (and its evidence) of a card one may see: any but another person's draft
	 * (reports/repository.ts listReportRows asks the same in SQL).
	 */
	seeReport: (viewer: Viewer, report: { status: string; authorId: number | null }) =>
		report.status !== 'draft' || report.authorId === viewer.id,
	/** Accept or return a report: the lead organisation's managers and the coordinators, never its author. */
	reviewReport: (viewer: Viewer, card: CardFacts, authorId: number | null) =>
		authorId !== viewer.id &&
		(isStaff(viewer) || (card.leadId !== null && managerOf(viewer, card.leadId))),
	/** Define indicators and enter their values from other sources. */
	manageIndicators: (actor: Actor) => isStaff(actor)
} as const;

/**
 * The SQL twins of the rules above, for lists, counts and feeds: the same decisions made in the
 * database, so no list, count, live event or catch-up decides visibility on its own.
 */
/**
 * Whom a count or list is for: a signed-in person, or the public page, which counts every live
 * card (progress) and names only the cards marked public (its own query picks those).
 */
export type Scope = Viewer | 'public';

/**
 * can.seeCard for a query over `card`: the viewer's organisation owns the card's board, or leads
 * or partners the card. For the public scope, every card counts.
 */
function cardVisibleTo(scope: Scope) {
	if (scope === 'public') return (eb: ExpressionBuilder<Database, 'card'>) => eb.val(true);
	const viewer = scope;
	const orgIds = [...viewer.orgs.keys()];
	return (eb: ExpressionBuilder<Database, 'card'>) => {
		if (can.seeEverything(viewer)) return eb.val(true);
		if (orgIds.length === 0) return eb.val(false);
		return eb.or([
			eb.exists(
				eb
					.selectFrom('board as visibleBoard')
					.select(sql`1`.as('one'))
					.whereRef('visibleBoard.id', '=', 'card.boardId')
					.where('visibleBoard.ownerOrganizationId', 'in', orgIds)
			),
			eb.exists(
				eb
					.selectFrom('cardOrganization as visibleOrg')
					.select(sql`1`.as('one'))
					.whereRef('visibleOrg.cardId', '=', 'card.id')
					.where('visibleOrg.organizationId', 'in', orgIds)
			)
		]);
	};
}

/**
 * The boards a viewer may open, for a query over `board`: can.seeBoard (owner, participants,
 * staff), or a live card of it that the viewer's organisation leads or partners.
 */
function boardVisibleTo(viewer: Viewer) {
	const orgIds = [...viewer.orgs.keys()];
	return (eb: ExpressionBuilder<Database, 'board'>) => {
		if (can.seeEverything(viewer)) return eb.val(true);
		if (orgIds.length === 0) return eb.val(false);
		return eb.or([
			eb('board.ownerOrganizationId', 'in', orgIds),
			eb.exists(
				eb
					.selectFrom('boardOrganization')
					.select(sql`1`.as('one'))
					.whereRef('boardOrganization.boardId', '=', 'board.id')
					.where('boardOrganization.organizationId', 'in', orgIds)
			),
			eb.exists(
				eb
					.selectFrom('card')
					.innerJoin('cardOrganization', 'cardOrganization.cardId', 'card.id')
					.select(sql`1`.as('one'))
					.whereRef('card.boardId', '=', 'board.id')
					.where('card.archivedAt', 'is', null)
					.where('cardOrganization.organizationId', 'in', orgIds)
			)
		]);
	};
}

export const visible = {
	/** can.seeCard, for a query over `card`. */
	card: cardVisibleTo,
	/** Who may open a board (boards/service.ts boardFor), for a query over `board`. */
	board: boardVisibleTo,
	/** The ids of the cards the viewer may see, as a subquery (`… in (visible.cardIds(…))`). */
	cardIds(db: Db, viewer: Viewer) {
		return db.selectFrom('card').select('card.id').where(cardVisibleTo(viewer));
	},
	/** can.reviewReport, for a query over `activity_report` (its state is the caller's to ask). */
	reviewableReport(viewer: Viewer) {
		const managed = [...viewer.orgs].filter(([, role]) => role === 'manager').map(([id]) => id);
		return (eb: ExpressionBuilder<Database, 'activityReport'>) => {
			const notOwn = eb('activityReport.authorId', 'is distinct from', viewer.id);
			if (isStaff(viewer)) return notOwn;
			if (managed.length === 0) return eb.val(false);
			return eb.and([
				notOwn,
				eb.exists(
					eb
						.selectFrom('cardOrganization as reviewLead')
						.select(sql`1`.as('one'))
						.whereRef('reviewLead.cardId', '=', 'activityReport.cardId')
						.where('reviewLead.role', '=', 'lead')
						.where('reviewLead.organizationId', 'in', managed)
				)
			]);
		};
	}
} as const;

/** The rules turned round: who may see a given thing. */
export const whoSees = {
	/**
	 * The people (enabled accounts) who may see a card, by name: staff, and the members of the
	 * board's owner and of the card's own organisations — can.seeCard for every person at once.
	 */
	card(db: Db, cardId: number) {
		const orgs = db
			.selectFrom('card')
			.innerJoin('board', 'board.id', 'card.boardId')
			.select('board.ownerOrganizationId as id')
			.where('card.id', '=', cardId)
			.union(
				db
					.selectFrom('cardOrganization')
					.select('cardOrganization.organizationId as id')
					.where('cardOrganization.cardId', '=', cardId)
			);
		return db
			.selectFrom('user')
			.select(['user.id', 'user.name'])
			.where('user.disabledAt', 'is', null)
			.where((eb) =>
				eb.or([
					eb('user.role', 'in', ['admin', 'coordinator']),
					eb(
						'user.id',
						'in',
						eb
							.selectFrom('membership')
							.select('membership.userId')
							.where('membership.organizationId', 'in', orgs)
					)
				])
			)
			.orderBy('user.name');
	},
	/** can.reviewReport turned round: staff and the lead's managers (who all see the card). */
	reportReviewers(db: Db, cardId: number, authorId: number | null) {
		const managers = db
			.selectFrom('membership')
			.innerJoin('cardOrganization as lead', 'lead.organizationId', 'membership.organizationId')
			.select('membership.userId')
			.where('membership.role', '=', 'manager')
			.where('lead.cardId', '=', cardId)
			.where('lead.role', '=', 'lead');
		return db
			.selectFrom('user')
			.select(['user.id', 'user.name'])
			.where('user.disabledAt', 'is', null)
			.where((eb) =>
				eb.or([eb('user.role', 'in', ['admin', 'coordinator']), eb('user.id', 'in', managers)])
			)
			.where('user.id', 'is distinct from', authorId)
			.orderBy('user.name');
	}
} as const;

/**
 * The facts the card rules look at, for a card named by id (an event's), in one statement; or
 * undefined when the card is gone.
 */
export async function cardFacts(db: Db, cardId: number): Promise<CardFacts | undefined> {
	const row = await db
		.selectFrom('card')
		.innerJoin('board', 'board.id', 'card.boardId')
		.select((eb) => [
			'board.ownerOrganizationId',
			eb
				.selectFrom('cardOrganization')
				.select(
					sql<
						{ id: number; role: 'lead' | 'partner' }[] | null
					>`json_agg(json_build_object('id', organization_id, 'role', role))`.as('orgs')
				)
				.whereRef('cardOrganization.cardId', '=', 'card.id')
				.as('orgs')
		])
		.where('card.id', '=', cardId)
		.executeTakeFirst();
	if (!row) return undefined;
	const orgs = row.orgs ?? [];
	return {
		// The card rules read only the owner; participants matter to the board rules alone.
		board: { ownerOrganizationId: row.ownerOrganizationId, participantIds: [] },
		leadId: orgs.find((o) => o.role === 'lead')?.id ?? null,
		partnerIds: orgs.filter((o) => o.role === 'partner').map((o) => o.id)
	};
}

/** 404 unless the actor is an administrator. Who is signed in is the route's to check. */
export function requireAdmin(actor: Actor): void {
	if (!can.administer(actor)) throw new NotFoundError();
}

/** 404 unless the actor may edit strategies. Who is signed in is the route's to check. */
export function requireStrategyEditor(actor: Actor): void {
	if (!can.editStrategy(actor)) throw new NotFoundError();
}

/**
 * The signed-in person with their memberships. A request's user already carries them (read
 * with the session); anyone else — a script, a test — has them read here.
 */
export async function loadViewer(db: Db, actor: Actor | Viewer): Promise<Viewer> {
	if ('orgs' in actor) return actor;
	const rows = await db
		.selectFrom('membership')
		.select(['organizationId', 'role'])
		.where('userId', '=', actor.id)
		.execute();
	return {
		id: actor.id,
		role: actor.role,
		orgs: new Map(rows.map((r) => [r.organizationId, r.role]))
	};
}
