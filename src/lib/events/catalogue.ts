import { z } from 'zod';

// Every kind of event the app records, in one place: what it is about (its entity type) and the
// shape of its payload, as a Zod schema. A write goes through recordEvent<T>() (src/lib/server/
// events/repository.ts), which checks the payload against its type's schema; readers (history,
// audit, live updates, the public feed, visibility) narrow an event by its type and read a typed
// payload. The event table keeps the payload as written: an event is never rewritten.

const id = z.number().int();
const text = z.string();
const named = z.strictObject({ id, name: text });
/** A change of some fields: which, and their values before and after. */
const fieldChanges = z.strictObject({
	changed: z.array(text),
	before: z.record(text, z.unknown()),
	after: z.record(text, z.unknown())
});
const organizations = z.strictObject({ lead: named.nullable(), partners: z.array(named) });
const none = z.strictObject({});
/** A file's name, and whose it is when not the card's own (a report's, a comment's). */
const attachmentPayload = z.strictObject({
	name: text,
	reportId: id.optional(),
	commentId: id.optional()
});
const role = z.enum(['admin', 'coordinator', 'member']);
const membershipRole = z.enum(['manager', 'member']);
const membership = z.strictObject({
	organizationId: id,
	organizationName: text,
	role: membershipRole
});

export const EVENT_CATALOGUE = {
	'card.created': { entity: 'card', payload: z.strictObject({ title: text, columnId: id }) },
	'card.updated': {
		entity: 'card',
		// `reason` marks a re-link to the strategy's current edition (editions/service.ts).
		payload: fieldChanges.extend({ reason: z.literal('edition_relink').optional() })
	},
	'card.moved': {
		entity: 'card',
		// The card's version after the move lets a board apply moves in order.
		payload: z.strictObject({ fromColumnId: id, toColumnId: id, position: text, version: id })
	},
	'card.archived': { entity: 'card', payload: z.strictObject({ title: text }) },
	'card.restored': { entity: 'card', payload: z.strictObject({ title: text }) },
	'card.organizations_changed': {
		entity: 'card',
		payload: z.strictObject({ before: organizations, after: organizations })
	},
	'card.assignees_changed': {
		entity: 'card',
		payload: z.strictObject({ before: z.array(named), after: z.array(named) })
	},
	'card.cover_changed': {
		entity: 'card',
		payload: z.strictObject({ attachmentId: id.nullable(), name: text.nullable() })
	},
	'comment.created': { entity: 'comment', payload: none },
	'comment.edited': { entity: 'comment', payload: none },
	'comment.deleted': { entity: 'comment', payload: none },
	'attachment.added': { entity: 'attachment', payload: attachmentPayload },
	'attachment.removed': { entity: 'attachment', payload: attachmentPayload },
	'report.saved': { entity: 'activity_report', payload: none },
	/** A draft's evidence added or removed: like the draft, its author's alone. */
	'report.evidence_changed': {
		entity: 'activity_report',
		payload: z.strictObject({ name: text, change: z.enum(['added', 'removed']) })
	},
	'report.submitted': { entity: 'activity_report', payload: none },
	'report.accepted': { entity: 'activity_report', payload: none },
	'report.returned': { entity: 'activity_report', payload: z.strictObject({ reason: text }) },
	'column.created': {
		entity: 'column',
		payload: z.strictObject({
			title: text,
			status: text,
			wipLimit: id.nullable(),
			position: text
		})
	},
	'column.updated': { entity: 'column', payload: fieldChanges },
	'column.moved': {
		entity: 'column',
		payload: z.strictObject({
			direction: text,
			from: id,
			to: id,
			position: text,
			renumbered: z.boolean()
		})
	},
	'column.removed': {
		entity: 'column',
		payload: z.strictObject({
			title: text,
			status: text,
			targetColumnId: id,
			targetTitle: text,
			cardIds: z.array(id)
		})
	},
	'board.label_colours_changed': {
		entity: 'board',
		payload: z.strictObject({ before: z.record(text, text), after: z.record(text, text) })
	},
	'board.strategy_changed': {
		entity: 'board',
		payload: z.strictObject({ fromStrategyId: id, toStrategyId: id, title: text })
	},
	'goal.created': {
		entity: 'goal',
		payload: z.strictObject({
			strategyId: id,
			code: text.nullable(),
			title: text,
			level: text,
			source: z.literal('outline').optional()
		})
	},
	'goal.updated': {
		entity: 'goal',
		payload: z.strictObject({
			before: z.strictObject({ code: text.nullable(), title: text, description: text.nullable() }),
			after: z.record(text, z.unknown())
		})
	},
	'goal.moved': {
		entity: 'goal',
		payload: z.strictObject({ direction: text, from: id, to: id })
	},
	'goal.deleted': {
		entity: 'goal',
		payload: z.strictObject({ strategyId: id, code: text.nullable(), title: text })
	},
	'indicator.created': { entity: 'indicator', payload: z.strictObject({ goalId: id, name: text }) },
	'indicator.value_added': {
		entity: 'indicator',
		payload: z.strictObject({ value: z.number(), periodEnd: text, source: text })
	},
	'cycle.opened': {
		entity: 'reporting_cycle',
		payload: z.strictObject({
			strategyId: id,
			title: text,
			periodStart: text,
			periodEnd: text,
			deadline: text,
			goalIds: z.array(id)
		})
	},
	'cycle.closed': {
		entity: 'reporting_cycle',
		payload: z.strictObject({ strategyId: id, title: text, required: id, accepted: id })
	},
	'user.created': {
		entity: 'user',
		payload: z.strictObject({
			email: text,
			name: text,
			role,
			source: z.literal('cli').optional()
		})
	},
	'user.updated': {
		entity: 'user',
		payload: z.strictObject({
			before: z.strictObject({ email: text, name: text, role }),
			after: z.record(text, z.unknown())
		})
	},
	'user.password_reset': { entity: 'user', payload: none },
	'user.disabled': { entity: 'user', payload: none },
	'user.enabled': { entity: 'user', payload: none },
	'user.erased': {
		entity: 'user',
		payload: z.strictObject({
			memberships: id,
			cardAssignments: id,
			notifications: id,
			failedSignIns: id
		})
	},
	'user.membership_added': { entity: 'user', payload: membership },
	'user.membership_changed': {
		entity: 'user',
		payload: z.strictObject({
			organizationId: id,
			organizationName: text,
			before: membershipRole,
			after: membershipRole
		})
	},
	'user.membership_removed': { entity: 'user', payload: membership },
	'seed.loaded': {
		entity: 'seed',
		payload: z.strictObject({
			strategies: z.array(text),
			goals: id,
			mappings: id,
			organizations: id,
			users: id,
			boards: id,
			cards: id
		})
	},
	'notification.created': { entity: 'notification', payload: z.strictObject({ userId: id }) },
	'notification.read': { entity: 'notification', payload: z.strictObject({ userId: id }) }
} as const satisfies Record<string, { entity: string; payload: z.ZodType }>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventPayload<T extends EventType> = z.output<(typeof EVENT_CATALOGUE)[T]['payload']>;
export type EntityType = (typeof EVENT_CATALOGUE)[EventType]['entity'];

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
export const ENTITY_TYPES = [...new Set(EVENT_TYPES.map((t) => EVENT_CATALOGUE[t].entity))];

/** One event of any type, its payload typed by its type: narrow it with a switch on `type`. */
export type TypedEvent<Extra = object> = {
	[T in EventType]: Extra & { type: T; payload: EventPayload<T> };
}[EventType];

export function isEventType(type: string): type is EventType {
	return Object.hasOwn(EVENT_CATALOGUE, type);
}

/**
 * An event read back (a row of the event table, or its copy on the wire) as a typed event, or
 * null when its type is unknown or its payload does not have its type's shape (an event written
 * by an older version): readers then fall back to naming its type.
 */
export function typedEvent<E extends { type: string; payload: unknown }>(
	event: E
): (Omit<E, 'type' | 'payload'> & TypedEvent) | null {
	if (!isEventType(event.type)) return null;
	const parsed = EVENT_CATALOGUE[event.type].payload.safeParse(event.payload);
	return parsed.success
		? ({ ...event, payload: parsed.data } as Omit<E, 'type' | 'payload'> & TypedEvent)
		: null;
}

/**
 * Events that change nothing a board shows (its dialog follows a card's comments and files).
 * A cover shows on its tile, so `card.cover_changed` is not one of them.
 */
export const OFF_BOARD: ReadonlySet<string> = new Set<EventType>([
	'comment.created',
	'comment.edited',
	'comment.deleted',
	'attachment.added',
	'attachment.removed',
	'report.evidence_changed'
]);
