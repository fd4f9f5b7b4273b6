import { m } from '$lib/paraglide/messages';
import { isEventType, type EntityType, type EventType } from './catalogue';

// Each event type's name in the page's language: the audit log and the card's history show these,
// never a type's code (`card.moved`).

export const EVENT_LABELS: Record<EventType, () => string> = {
	'card.created': m.event_card_created,
	'card.updated': m.event_card_updated,
	'card.moved': m.event_card_moved,
	'card.archived': m.event_card_archived,
	'card.restored': m.event_card_restored,
	'card.organizations_changed': m.event_card_organizations_changed,
	'card.assignees_changed': m.event_card_assignees_changed,
	'card.cover_changed': m.event_card_cover_changed,
	'comment.created': m.event_comment_created,
	'comment.edited': m.event_comment_edited,
	'comment.deleted': m.event_comment_deleted,
	'attachment.added': m.event_attachment_added,
	'attachment.removed': m.event_attachment_removed,
	'report.saved': m.event_report_saved,
	'report.evidence_changed': m.event_report_evidence_changed,
	'report.submitted': m.event_report_submitted,
	'report.accepted': m.event_report_accepted,
	'report.returned': m.event_report_returned,
	'column.created': m.event_column_created,
	'column.updated': m.event_column_updated,
	'column.moved': m.event_column_moved,
	'column.removed': m.event_column_removed,
	'board.label_colours_changed': m.event_board_label_colours_changed,
	'board.strategy_changed': m.event_board_strategy_changed,
	'goal.created': m.event_goal_created,
	'goal.updated': m.event_goal_updated,
	'goal.moved': m.event_goal_moved,
	'goal.deleted': m.event_goal_deleted,
	'indicator.created': m.event_indicator_created,
	'indicator.value_added': m.event_indicator_value_added,
	'cycle.opened': m.event_cycle_opened,
	'cycle.closed': m.event_cycle_closed,
	'user.created': m.event_user_created,
	'user.updated': m.event_user_updated,
	'user.password_reset': m.event_user_password_reset,
	'user.disabled': m.event_user_disabled,
	'user.enabled': m.event_user_enabled,
	'user.erased': m.event_user_erased,
	'user.membership_added': m.event_user_membership_added,
	'user.membership_changed': m.event_user_membership_changed,
	'user.membership_removed': m.event_user_membership_removed,
	'seed.loaded': m.event_seed_loaded,
	'notification.created': m.event_notification_created,
	'notification.read': m.event_notification_read
};

/** The event type's label; an unknown type (an older version's) is shown as it is. */
export function eventLabel(type: string): string {
	return isEventType(type) ? EVENT_LABELS[type]() : type;
}

/** What an event is about, in words. */
export const ENTITY_LABELS: Record<EntityType, () => string> = {
	card: m.entity_card,
	comment: m.entity_comment,
	attachment: m.entity_attachment,
	activity_report: m.entity_activity_report,
	column: m.entity_column,
	board: m.entity_board,
	goal: m.entity_goal,
	indicator: m.entity_indicator,
	reporting_cycle: m.entity_reporting_cycle,
	user: m.entity_user,
	notification: m.entity_notification,
	seed: m.entity_seed
};

export function entityLabel(entity: string): string {
	return (ENTITY_LABELS as Record<string, (() => string) | undefined>)[entity]?.() ?? entity;
}
