import { instanceRoleLabel, membershipRoleLabel } from '$lib/components/admin/labels';
import { priorityLabel, statusLabel } from '$lib/components/board/labels';
import { formatDay, formatDayChange, formatNumber } from '$lib/components/ui/format';
import { m } from '$lib/paraglide/messages';
import { typedEvent, type TypedEvent } from './catalogue';
import { eventLabel } from './labels';

// An event in words: what the audit log's "details" and the card's history say, with the names
// of the columns, goals, strategies, people and indicators an event's payload refers to by id.
// The server resolves those ids in one query per page (audit/repository.ts) into an EventNames;
// an id missing from it names something removed since, or something the viewer may not see.

export type NameKind = 'column' | 'goal' | 'strategy' | 'user' | 'indicator';
export type EventNames = Record<NameKind, Record<number, string>>;
export type NameIds = Record<NameKind, number[]>;

export const NO_NAMES: EventNames = { column: {}, goal: {}, strategy: {}, user: {}, indicator: {} };

const GONE: Record<NameKind, () => string> = {
	column: m.words_gone_column,
	goal: m.words_gone_goal,
	strategy: m.words_gone_strategy,
	user: m.words_gone_user,
	indicator: m.words_gone_indicator
};

interface RawEvent {
	type: string;
	payload: unknown;
	entityType?: string;
	entityId?: number;
}

/** The ids an event refers to, by kind: what a page asks the names of. */
function idsOf(raw: RawEvent): [NameKind, number | null | undefined][] {
	const refs: [NameKind, number | null | undefined][] = [];
	if (raw.entityType === 'column') refs.push(['column', raw.entityId]);
	if (raw.entityType === 'goal') refs.push(['goal', raw.entityId]);
	if (raw.entityType === 'indicator') refs.push(['indicator', raw.entityId]);
	if (raw.entityType === 'user') refs.push(['user', raw.entityId]);
	const event = typedEvent(raw);
	switch (event?.type) {
		case 'card.created':
			refs.push(['column', event.payload.columnId]);
			break;
		case 'card.moved':
			refs.push(['column', event.payload.fromColumnId], ['column', event.payload.toColumnId]);
			break;
		case 'card.updated':
			refs.push(['goal', goalIdOf(event.payload.before)], ['goal', goalIdOf(event.payload.after)]);
			break;
		case 'board.strategy_changed':
			refs.push(
				['strategy', event.payload.fromStrategyId],
				['strategy', event.payload.toStrategyId]
			);
			break;
		case 'goal.created':
		case 'goal.deleted':
		case 'cycle.opened':
		case 'cycle.closed':
			refs.push(['strategy', event.payload.strategyId]);
			break;
		case 'indicator.created':
			refs.push(['goal', event.payload.goalId]);
			break;
		case 'notification.created':
		case 'notification.read':
			refs.push(['user', event.payload.userId]);
			break;
	}
	return refs;
}

const goalIdOf = (values: Record<string, unknown>) =>
	typeof values.goalId === 'number' ? values.goalId : null;

/** Every id the events refer to, by kind, each once. */
export function referencedIds(events: readonly RawEvent[]): NameIds {
	const found: Record<NameKind, Set<number>> = {
		column: new Set(),
		goal: new Set(),
		strategy: new Set(),
		user: new Set(),
		indicator: new Set()
	};
	for (const event of events)
		for (const [kind, id] of idsOf(event)) if (typeof id === 'number') found[kind].add(id);
	return {
		column: [...found.column],
		goal: [...found.goal],
		strategy: [...found.strategy],
		user: [...found.user],
		indicator: [...found.indicator]
	};
}

const MAX_TEXT = 80;
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);
const quoted = (text: string) => m.words_quoted({ text: clip(text) });

function nameOf(names: EventNames, kind: NameKind, id: number | null | undefined): string {
	if (id === null || id === undefined) return m.words_none();
	const name = names[kind][id];
	if (name === undefined) return GONE[kind]();
	// A title is quoted; a person's name is not.
	return kind === 'user' ? name : quoted(name);
}

const list = (values: readonly { name: string }[] | undefined) =>
	(values ?? []).map((v) => v.name).join(', ') || m.words_none();
const pair = (label: string, before: string, after: string) => `${label}: ${before} → ${after}`;

/** A card field's value as people read it. */
function cardValue(field: string, value: unknown, names: EventNames): string {
	if (value === null || value === undefined || value === '') return m.words_none();
	switch (field) {
		case 'goalId':
			return nameOf(names, 'goal', typeof value === 'number' ? value : null);
		case 'priority':
			return priorityLabel(String(value));
		case 'status':
			return statusLabel(String(value));
		case 'role':
			return instanceRoleLabel(value as Parameters<typeof instanceRoleLabel>[0]);
		case 'labels':
			return Array.isArray(value) && value.length > 0 ? value.join(', ') : m.words_none();
		default:
			return typeof value === 'number' ? formatNumber(value) : quoted(String(value));
	}
}

const FIELD_LABELS: Record<string, () => string> = {
	title: m.words_field_title,
	description: m.words_field_description,
	goalId: m.words_field_goal,
	priority: m.words_field_priority,
	labels: m.words_field_labels,
	startDate: m.words_field_start,
	dueDate: m.words_field_due,
	status: m.words_field_status,
	wipLimit: m.words_field_wip,
	name: m.words_field_name,
	email: m.words_field_email,
	role: m.words_field_role,
	code: m.words_field_code
};
const fieldLabel = (field: string) => FIELD_LABELS[field]?.() ?? field;

/** "termin: 9 gru → 16 gru 2026; priorytet: normalny → wysoki" for the fields that changed. */
function changes(
	fields: readonly string[],
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	names: EventNames
): string {
	return fields
		.map((field) => {
			// A long text changed: that it did is what matters, not its two versions.
			if (field === 'description') return fieldLabel(field);
			if (field === 'startDate' || field === 'dueDate')
				return `${fieldLabel(field)}: ${formatDayChange(day(before[field]), day(after[field]))}`;
			return pair(
				fieldLabel(field),
				cardValue(field, before[field], names),
				cardValue(field, after[field], names)
			);
		})
		.join('; ');
}
const day = (value: unknown) => (typeof value === 'string' && value ? value : null);

function organizations(
	payload: Extract<TypedEvent, { type: 'card.organizations_changed' }>['payload']
) {
	const parts: string[] = [];
	const lead = (o: { name: string } | null) => (o ? quoted(o.name) : m.words_none());
	if (payload.before.lead?.id !== payload.after.lead?.id)
		parts.push(pair(m.words_lead(), lead(payload.before.lead), lead(payload.after.lead)));
	const partners = (o: readonly { id: number }[]) =>
		o
			.map((p) => p.id)
			.sort((a, b) => a - b)
			.join();
	if (partners(payload.before.partners) !== partners(payload.after.partners))
		parts.push(
			pair(m.words_partners(), list(payload.before.partners), list(payload.after.partners))
		);
	return `${m.words_field_organizations()}: ${parts.join('; ') || list(payload.after.partners)}`;
}

/**
 * What the event did, in words, without who did it: the audit log's details ("z „W realizacji”
 * do „Zrealizowane”", "termin: 9 gru → 16 gru 2026"). Empty when the event's label says it all.
 */
export function eventDetails(raw: RawEvent, names: EventNames = NO_NAMES): string {
	const event = typedEvent(raw);
	if (!event) return '';
	switch (event.type) {
		// The card's title is the log's "object" already.
		case 'card.created':
			return m.words_in_column({ column: nameOf(names, 'column', event.payload.columnId) });
		case 'card.moved':
			return m.words_from_to({
				from: nameOf(names, 'column', event.payload.fromColumnId),
				to: nameOf(names, 'column', event.payload.toColumnId)
			});
		case 'card.updated':
			if (event.payload.reason === 'edition_relink')
				return event.payload.after.goalId
					? m.editions_history_relinked()
					: m.editions_history_unlinked();
			return changes(event.payload.changed, event.payload.before, event.payload.after, names);
		case 'card.organizations_changed':
			return organizations(event.payload);
		case 'card.assignees_changed':
			return pair(m.words_assignees(), list(event.payload.before), list(event.payload.after));
		case 'attachment.added':
		case 'attachment.removed': {
			const where = event.payload.reportId
				? m.attachments_of_report()
				: event.payload.commentId
					? m.attachments_of_comment()
					: '';
			return [quoted(event.payload.name), where].filter(Boolean).join(' ');
		}
		case 'report.evidence_changed':
			return `${quoted(event.payload.name)} ${
				event.payload.change === 'added'
					? m.attachments_evidence_added()
					: m.attachments_evidence_removed()
			}`;
		case 'card.cover_changed':
			return event.payload.name ? quoted(event.payload.name) : '';
		case 'report.returned':
			return m.words_reason({ reason: clip(event.payload.reason) });
		case 'column.created': {
			const parts = [quoted(event.payload.title), statusLabel(event.payload.status)];
			if (event.payload.wipLimit !== null)
				parts.push(`${m.words_field_wip()} ${formatNumber(event.payload.wipLimit)}`);
			return parts.join(', ');
		}
		case 'column.updated':
			return changes(event.payload.changed, event.payload.before, event.payload.after, names);
		case 'column.moved':
		case 'goal.moved':
			return m.words_position({ from: event.payload.from + 1, to: event.payload.to + 1 });
		case 'column.removed':
			return m.words_column_removed({
				title: quoted(event.payload.title),
				count: event.payload.cardIds.length,
				target: quoted(event.payload.targetTitle)
			});
		case 'board.strategy_changed':
			return m.words_from_to({
				from: nameOf(names, 'strategy', event.payload.fromStrategyId),
				to: nameOf(names, 'strategy', event.payload.toStrategyId)
			});
		case 'goal.created':
		case 'goal.deleted':
			return `${quoted([event.payload.code, event.payload.title].filter(Boolean).join(' '))} ${m.words_in_strategy({ strategy: nameOf(names, 'strategy', event.payload.strategyId) })}`;
		case 'goal.updated': {
			const after = event.payload.after;
			const before = event.payload.before as Record<string, unknown>;
			const fields = Object.keys(after).filter((f) => after[f] !== before[f]);
			return changes(fields, before, after, names);
		}
		case 'cycle.opened':
			return `${quoted(event.payload.title)} ${m.words_in_strategy({ strategy: nameOf(names, 'strategy', event.payload.strategyId) })}: ${formatDay(event.payload.periodStart)} – ${formatDay(event.payload.periodEnd)}, ${m.words_cycle_deadline({ date: formatDay(event.payload.deadline) })}`;
		case 'cycle.closed':
			return `${quoted(event.payload.title)} ${m.words_in_strategy({ strategy: nameOf(names, 'strategy', event.payload.strategyId) })}: ${m.words_cycle_accepted({ accepted: event.payload.accepted, required: event.payload.required })}`;
		case 'indicator.created':
			return `${quoted(event.payload.name)} ${m.words_for_goal({ goal: nameOf(names, 'goal', event.payload.goalId) })}`;
		case 'indicator.value_added':
			return m.words_value({
				value: formatNumber(event.payload.value),
				date: formatDay(event.payload.periodEnd),
				source: event.payload.source
			});
		case 'user.created':
			return [
				event.payload.name,
				event.payload.email,
				`${m.words_field_role()}: ${instanceRoleLabel(event.payload.role)}`
			].join(', ');
		case 'user.updated': {
			const after = event.payload.after;
			const before = event.payload.before as Record<string, unknown>;
			const fields = Object.keys(after).filter((f) => after[f] !== before[f]);
			return changes(fields, before, after, names);
		}
		case 'user.erased':
			return m.words_erased({
				memberships: event.payload.memberships,
				assignments: event.payload.cardAssignments,
				notifications: event.payload.notifications,
				failed: event.payload.failedSignIns
			});
		case 'user.membership_added':
		case 'user.membership_removed':
			return m.words_membership({
				organization: event.payload.organizationName,
				role: membershipRoleLabel(event.payload.role)
			});
		case 'user.membership_changed':
			return `${event.payload.organizationName}: ${membershipRoleLabel(event.payload.before)} → ${membershipRoleLabel(event.payload.after)}`;
		case 'seed.loaded':
			return m.words_seed({
				strategies: event.payload.strategies.join(', '),
				goals: event.payload.goals,
				organizations: event.payload.organizations,
				users: event.payload.users,
				boards: event.payload.boards,
				cards: event.payload.cards
			});
		case 'notification.created':
		case 'notification.read':
			return m.words_for_person({ name: nameOf(names, 'user', event.payload.userId) });
		default:
			return '';
	}
}

/** The thing an event is about, by name, where the event row's own joins do not name it. */
export function subjectName(raw: RawEvent, names: EventNames = NO_NAMES): string | null {
	const kind = raw.entityType as NameKind | undefined;
	if (!kind || !(kind in names) || raw.entityId === undefined) return null;
	const name = names[kind][raw.entityId];
	if (name !== undefined) return name;
	// A removed column or goal still has the title its removal recorded.
	const event = typedEvent(raw);
	if (event?.type === 'column.removed' || event?.type === 'goal.deleted')
		return event.payload.title;
	return GONE[kind]();
}

/**
 * A line of the card's history, after the name of who acted: "przeniósł(a) kartę z „W realizacji”
 * do „Zrealizowane”", "zmienił(a) termin: 9 gru → 16 gru 2026".
 */
export function historyLine(raw: RawEvent, names: EventNames = NO_NAMES): string {
	const event = typedEvent(raw);
	const details = eventDetails(raw, names);
	switch (event?.type) {
		case 'card.created':
			return `${m.history_created()} ${details}`;
		case 'card.moved':
			return `${m.words_h_moved()} ${details}`;
		case 'card.updated':
			return event.payload.reason === 'edition_relink'
				? details
				: `${m.words_h_changed()} ${details}`;
		case 'card.organizations_changed':
		case 'card.assignees_changed':
			return `${m.words_h_changed()} ${details}`;
		case 'card.archived':
			return m.history_archived();
		case 'card.restored':
			return m.history_restored();
		default:
			return details ? `${eventLabel(raw.type)}: ${details}` : eventLabel(raw.type);
	}
}

/** The event in one sentence, for a file: "Przeniesienie karty „X”: z „W realizacji” do „Zrealizowane”". */
export function auditSentence(
	row: RawEvent & { cardTitle: string | null; boardTitle: string | null },
	names: EventNames
): string {
	const subject = row.cardTitle ?? subjectName(row, names) ?? row.boardTitle;
	const head = subject ? `${eventLabel(row.type)} ${quoted(subject)}` : eventLabel(row.type);
	const details = eventDetails(row, names);
	return details ? `${head}: ${details}` : head;
}
