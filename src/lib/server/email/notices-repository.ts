import { sql } from 'kysely';
import { loadViewer, visible } from '../auth/policy';
import type { Db } from '../db';
import type { NotificationType } from '../db/schema';
import { orgFullName } from '$lib/domain/organizations';
import { emailKindOf } from './kinds';
import type { Notice } from './render';

// Notifications read for e-mail: each with its recipient and what its message shows, and whether
// the recipient may still see the card (the one visibility rule, auth/policy.ts): a message never
// names a card, board or comment its reader may not open.

export interface Recipient {
	userId: number;
	email: string;
	/** The language the person last chose in the app; Polish when they never chose. */
	locale: 'pl' | 'en';
	enabled: boolean;
}

export interface NoticeRow {
	notice: Notice;
	recipient: Recipient;
	type: NotificationType;
}

/** The notifications by id, with their recipients; the caller holds them locked. */
export async function loadNotices(
	db: Db,
	ids: readonly number[],
	today: string
): Promise<NoticeRow[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('notification')
		.innerJoin('user as recipient', 'recipient.id', 'notification.userId')
		.leftJoin('card', 'card.id', 'notification.cardId')
		.leftJoin('board', 'board.id', 'card.boardId')
		.leftJoin('reportingCycle as cycle', 'cycle.id', 'notification.cycleId')
		.leftJoin('reportingCycleReminder as reminder', 'reminder.notificationId', 'notification.id')
		.leftJoin('organization as remindedOrg', 'remindedOrg.id', 'reminder.organizationId')
		.leftJoin('strategy', 'strategy.id', 'board.strategyId')
		.leftJoin('strategy as cycleStrategy', 'cycleStrategy.id', 'cycle.strategyId')
		.leftJoin('cardOrganization as lead', (j) =>
			j.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.leftJoin('organization', 'organization.id', 'lead.organizationId')
		.leftJoin('user as actor', 'actor.id', 'notification.actorId')
		.leftJoin('comment', 'comment.id', 'notification.commentId')
		.leftJoin('activityReport as report', 'report.id', 'notification.reportId')
		.select([
			'notification.id',
			'notification.type',
			'notification.userId',
			'notification.cardId',
			'notification.reportId',
			'notification.dueDate',
			'recipient.email',
			'recipient.locale',
			'recipient.disabledAt',
			'card.title as cardTitle',
			'card.boardId',
			'board.title as boardTitle',
			'strategy.title as strategyTitle',
			'organization.name as organizationName',
			'actor.name as actorName',
			'report.returnReason',
			'cycle.id as cycleId',
			'cycle.title as cycleTitle',
			'cycle.deadline as cycleDeadline',
			'cycleStrategy.slug as strategySlug',
			'cycleStrategy.title as cycleStrategyTitle',
			'reminder.organizationId as remindedOrganizationId',
			'remindedOrg.name as remindedOrganizationName',
			'remindedOrg.shortName as remindedOrganizationShortName',
			'reminder.outstanding',
			// A card given to the recipient's organisation as a partner, not as its lead.
			sql<string | null>`case when notification.type = 'org_assigned' and not exists (
					select 1 from membership ml
					where ml.organization_id = lead.organization_id and ml.user_id = notification.user_id)
				then (select po.name from card_organization p
					join organization po on po.id = p.organization_id
					join membership mp on mp.organization_id = p.organization_id
						and mp.user_id = notification.user_id
					where p.card_id = card.id and p.role = 'partner'
					order by po.name limit 1) end`.as('partnerOrganizationName'),
			sql<string | null>`case when comment.deleted_at is null then left(comment.body, 400) end`.as(
				'excerpt'
			)
		])
		.where('notification.id', 'in', ids)
		.orderBy('notification.id')
		.execute();
	return rows.flatMap((r) => {
		const kind = emailKindOf(r.type);
		if (!kind) return [];
		const cycle =
			r.cycleId !== null && r.remindedOrganizationId !== null
				? {
						id: r.cycleId,
						title: r.cycleTitle ?? '',
						deadline: r.cycleDeadline ?? '',
						slug: r.strategySlug ?? '',
						organizationId: r.remindedOrganizationId,
						organizationName: orgFullName({
							name: r.remindedOrganizationName ?? '',
							shortName: r.remindedOrganizationShortName
						}),
						outstanding: r.outstanding ?? 0
					}
				: null;
		// A card's notice needs its card; a reminder, its cycle and organisation.
		if (cycle === null && (r.cardId === null || r.boardId === null)) return [];
		return [
			{
				type: r.type,
				recipient: {
					userId: r.userId,
					email: r.email,
					locale: r.locale ?? 'pl',
					enabled: r.disabledAt === null
				},
				notice: {
					notificationId: r.id,
					kind,
					cardId: r.cardId,
					cardTitle: r.cardTitle ?? cycle?.title ?? '',
					boardId: r.boardId,
					boardTitle: r.boardTitle ?? cycle?.title ?? '',
					strategyTitle: r.strategyTitle ?? r.cycleStrategyTitle ?? '',
					cycle,
					organizationName: r.organizationName,
					partnerOrganizationName: r.partnerOrganizationName,
					actorName: r.actorName,
					excerpt: r.excerpt ? plainMentions(r.excerpt) : null,
					returnReason: r.returnReason,
					reportId: r.reportId,
					dueDate: r.dueDate,
					overdue: r.dueDate !== null && r.dueDate < today
				}
			}
		];
	});
}

/** A comment's mention tokens `@[Name](user:12)` read as `@Name`. */
function plainMentions(text: string): string {
	return text.replace(/@\[([^\]]*)\]\(user:\d+\)/g, '@$1');
}

/** Of these notices, those whose card the recipient may see now. */
export async function visibleToRecipients(
	db: Db,
	rows: readonly NoticeRow[]
): Promise<Set<number>> {
	const ok = new Set<number>();
	const byUser = new Map<number, NoticeRow[]>();
	for (const r of rows)
		byUser.set(r.recipient.userId, [...(byUser.get(r.recipient.userId) ?? []), r]);
	for (const [userId, mine] of byUser) {
		const user = await db
			.selectFrom('user')
			.select(['id', 'role'])
			.where('id', '=', userId)
			.executeTakeFirst();
		if (!user) continue;
		const viewer = await loadViewer(db, user);
		const cardIds = mine.flatMap((r) => (r.notice.cardId === null ? [] : [r.notice.cardId]));
		const cards = cardIds.length
			? await visible.cardIds(db, viewer).where('card.id', 'in', cardIds).execute()
			: [];
		const seen = new Set(cards.map((c) => c.id));
		for (const r of mine) {
			const cycle = r.notice.cycle;
			// A reminder reaches a person while they belong to the organisation it is for.
			if (cycle ? viewer.orgs.has(cycle.organizationId) : seen.has(r.notice.cardId!))
				ok.add(r.notice.notificationId);
		}
	}
	return ok;
}

/** Each person's chosen mode per kind (no row: the default, see kinds.ts). */
export async function preferencesOf(db: Db, userIds: readonly number[]) {
	const rows = userIds.length
		? await db
				.selectFrom('emailPreference')
				.select(['userId', 'kind', 'mode'])
				.where('userId', 'in', userIds)
				.execute()
		: [];
	return new Map(rows.map((r) => [`${r.userId}:${r.kind}`, r.mode]));
}
