import { sql, type ExpressionBuilder } from 'kysely';
import { typedEvent, type EventType } from '$lib/events/catalogue';
import { can, visible, type CardFacts, type Viewer } from '../auth/policy';
import type { Db } from '../db';
import type { Database } from '../db/schema';

// Who is told of an event, live (a socket in a board's, card's or strategy's room) and in the
// reconnect catch-up alike: one rule, in its TypeScript and its SQL form, built on the card rule.
//
// - An event that names no card (a column renamed) reaches everyone who may open its board.
// - An event that names a card reaches only those who may see that card now; a change of the
//   card's organisations also reaches those who saw it before, so their boards drop it.
// - A draft report's save, and a change of its evidence, reach only its author: drafts are shown
//   to their author alone.

/** Event types whose subject only their actor may see. */
const AUTHOR_ONLY = [
	'report.saved',
	'report.evidence_changed'
] as const satisfies readonly EventType[];
const ORGANIZATIONS_CHANGED = 'card.organizations_changed' satisfies EventType;

export interface VisibleEvent {
	type: string;
	actorId: number | null;
	cardId: number | null;
	payload: unknown;
}

/** The card's organisations before a change of them, from the event's payload. */
function factsBefore(event: VisibleEvent, now: CardFacts): CardFacts | null {
	const typed = typedEvent(event);
	if (typed?.type !== ORGANIZATIONS_CHANGED) return null;
	const { before } = typed.payload;
	return {
		board: now.board,
		leadId: before.lead?.id ?? null,
		partnerIds: before.partners.map((p) => p.id)
	};
}

/**
 * Whether the viewer is told of the event. `facts` are the facts of the card the event names, as
 * they are now (undefined when it names none, or the card is gone).
 */
export function mayReceive(
	viewer: Viewer,
	event: VisibleEvent,
	facts: CardFacts | undefined
): boolean {
	if (event.cardId === null) return true;
	if (!facts) return false;
	if ((AUTHOR_ONLY as readonly string[]).includes(event.type) && event.actorId !== viewer.id)
		return false;
	if (can.seeCard(viewer, facts)) return true;
	const before = factsBefore(event, facts);
	return before !== null && can.seeCard(viewer, before);
}

/** The same rule for a query over `event` (the catch-up). */
export function eventsVisibleTo(db: Db, viewer: Viewer) {
	const orgIds = [...viewer.orgs.keys()];
	return (eb: ExpressionBuilder<Database, 'event'>) => {
		const sawBefore =
			orgIds.length === 0
				? eb.val(false)
				: eb.and([
						eb('event.type', '=', ORGANIZATIONS_CHANGED),
						sql<boolean>`exists (
							select 1 from jsonb_array_elements(
								coalesce(event.payload -> 'before' -> 'partners', '[]'::jsonb)
								|| coalesce(jsonb_build_array(event.payload -> 'before' -> 'lead'), '[]'::jsonb)
							) as org
							where jsonb_typeof(org) = 'object'
							and (org ->> 'id')::int in (${sql.join(orgIds)}))`
					]);
		return eb.and([
			eb.or([eb('event.type', 'not in', AUTHOR_ONLY), eb('event.actorId', '=', viewer.id)]),
			eb.or([
				eb('event.cardId', 'is', null),
				eb('event.cardId', 'in', visible.cardIds(db, viewer)),
				sawBefore
			])
		]);
	};
}
