import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	can,
	cardFacts,
	loadViewer,
	visible,
	whoSees,
	type CardFacts,
	type Viewer
} from '../../../src/lib/server/auth/policy';
import { boardFor } from '../../../src/lib/server/boards/service';
import { NotFoundError } from '../../../src/lib/server/errors';
import type { EventType } from '../../../src/lib/events/catalogue';
import { recordEvent, type NewEvent } from '../../../src/lib/server/events/repository';
import { eventsVisibleTo, mayReceive } from '../../../src/lib/server/realtime/visibility';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// The visibility rules exist in two forms: TypeScript predicates (can.seeCard, mayReceive), used
// for one card at a time, and their SQL twins (visible.card, visible.board, eventsVisibleTo), used
// for lists, counts and the catch-up, and turned round (whoSees.card) for mentions and notices. Over generated worlds — organisations, boards with
// participants, cards with leads and partners (some archived), people with roles and memberships,
// and events of every kind the rules single out — both forms must give the same answer for every
// person and every card, board and event.

let t: TestDatabase;
let strategyId: number;

beforeAll(async () => {
	t = await createTestDatabase();
	strategyId = (await makeStrategy(t.db)).id;
});
afterAll(() => t.destroy());

const ORGS = 4;
const orgIndex = fc.integer({ min: 0, max: ORGS - 1 });
const orgSet = fc.uniqueArray(orgIndex, { maxLength: ORGS });

const world = fc.record({
	boards: fc.array(fc.record({ owner: orgIndex, participants: orgSet, archived: fc.boolean() }), {
		minLength: 1,
		maxLength: 3
	}),
	cards: fc.array(
		fc.record({
			board: fc.nat(),
			lead: orgIndex,
			partners: orgSet,
			archived: fc.boolean()
		}),
		{ minLength: 1, maxLength: 6 }
	),
	people: fc.array(
		fc.record({
			role: fc.constantFrom('admin', 'coordinator', 'member', 'member', 'member'),
			memberships: fc.uniqueArray(
				fc.tuple(
					orgIndex,
					fc.constantFrom('manager', 'member') as fc.Arbitrary<'manager' | 'member'>
				),
				{ selector: ([org]) => org, maxLength: ORGS }
			)
		}),
		{ minLength: 1, maxLength: 4 }
	),
	events: fc.array(
		fc.record({
			card: fc.option(fc.nat(), { nil: null }),
			type: fc.constantFrom(
				'card.moved',
				'comment.created',
				'report.saved',
				'report.submitted',
				'card.organizations_changed'
			),
			actor: fc.option(fc.nat(), { nil: null }),
			before: fc.record({ lead: fc.option(orgIndex, { nil: null }), partners: orgSet })
		}),
		{ maxLength: 8 }
	)
});
type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

/** Writes a world into the database (new rows each time), and what the rules need of it. */
async function build(w: World) {
	const orgs: number[] = [];
	for (let i = 0; i < ORGS; i++) orgs.push((await makeOrg(t.db, 'ngo')).id);
	const boards: (Awaited<ReturnType<typeof makeBoard>> & { ownerOrganizationId: number })[] = [];
	for (const b of w.boards) {
		const board = await makeBoard(
			t.db,
			orgs[b.owner]!,
			strategyId,
			b.participants.filter((p) => p !== b.owner).map((p) => orgs[p]!)
		);
		if (b.archived)
			await t.db
				.updateTable('board')
				.set({ archivedAt: new Date() })
				.where('id', '=', board.id)
				.execute();
		boards.push({ ...board, ownerOrganizationId: orgs[b.owner]! });
	}
	const cards: { id: number; facts: CardFacts }[] = [];
	for (const c of w.cards) {
		const board = boards[c.board % boards.length]!;
		const partnerIds = c.partners.filter((p) => p !== c.lead).map((p) => orgs[p]!);
		const card = await makeCard(t.db, board, board.columns[0], orgs[c.lead]!, partnerIds);
		if (c.archived)
			await t.db
				.updateTable('card')
				.set({ archivedAt: new Date() })
				.where('id', '=', card.id)
				.execute();
		cards.push({
			id: card.id,
			facts: {
				board: { ownerOrganizationId: board.ownerOrganizationId, participantIds: [] },
				leadId: orgs[c.lead]!,
				partnerIds
			}
		});
	}
	const people: Viewer[] = [];
	for (const p of w.people) {
		const person = await makePerson(
			t.db,
			p.role as 'admin' | 'coordinator' | 'member',
			p.memberships.map(([org, role]) => [orgs[org]!, role])
		);
		people.push(await loadViewer(t.db, person));
	}
	const events: {
		id: string;
		type: string;
		actorId: number | null;
		cardId: number | null;
		payload: unknown;
	}[] = [];
	for (const e of w.events) {
		const card = e.card === null ? null : cards[e.card % cards.length]!;
		const board = boards[0]!;
		const actorId = e.actor === null ? null : people[e.actor % people.length]!.id;
		const named = (org: number) => ({ id: orgs[org]!, name: 'x' });
		const type: EventType = card ? e.type : 'column.updated';
		// Each type's payload as its catalogue entry has it; the rules read only a change of
		// organisations' `before`.
		const payloads: Partial<Record<EventType, unknown>> = {
			'card.moved': { fromColumnId: 1, toColumnId: 2, position: 'a0', version: 2 },
			'card.organizations_changed': {
				before: {
					lead: e.before.lead === null ? null : named(e.before.lead),
					partners: e.before.partners.map(named)
				},
				after: { lead: null, partners: [] }
			},
			'column.updated': { changed: [], before: {}, after: {} }
		};
		const payload = payloads[type] ?? {};
		const id = await recordEvent(t.db, {
			actorId,
			type,
			entityId: card?.id ?? board.columns[0],
			boardId: board.id,
			cardId: card?.id ?? null,
			payload
		} as NewEvent<EventType>);
		events.push({
			id,
			type,
			actorId,
			cardId: card?.id ?? null,
			payload
		});
	}
	return { boards, cards, people, events };
}

const ids = (rows: { id: number | string }[]) => new Set(rows.map((r) => String(r.id)));

describe('the visibility rules agree in TypeScript and in SQL', () => {
	it('for every person and every card, board and event of generated worlds', async () => {
		await fc.assert(
			fc.asyncProperty(world, async (w) => {
				const built = await build(w);
				const cardIds = built.cards.map((c) => c.id);
				const boardIds = built.boards.map((b) => b.id);
				for (const c of built.cards)
					expect(await cardFacts(t.db, c.id), 'cardFacts reads what was written').toEqual(c.facts);
				// whoSees.card (the rule turned round, for mentions and notifications).
				for (const c of built.cards) {
					const sqlPeople = ids(await whoSees.card(t.db, c.id).execute());
					for (const viewer of built.people)
						expect(sqlPeople.has(String(viewer.id)), `who sees ${c.id}: ${viewer.id}`).toBe(
							can.seeCard(viewer, c.facts)
						);
				}
				for (const viewer of built.people) {
					// Cards: can.seeCard against visible.card.
					const sqlCards = ids(
						await visible.cardIds(t.db, viewer).where('card.id', 'in', cardIds).execute()
					);
					for (const c of built.cards)
						expect(sqlCards.has(String(c.id)), `card ${c.id} for ${viewer.id}`).toBe(
							can.seeCard(viewer, c.facts)
						);
					// Boards: boardFor (the page's check) against visible.board (the list).
					const sqlBoards = ids(
						await t.db
							.selectFrom('board')
							.select('board.id')
							.where('board.id', 'in', boardIds)
							.where('board.archivedAt', 'is', null)
							.where(visible.board(viewer))
							.execute()
					);
					for (const b of built.boards) {
						const opens = await boardFor(t.db, viewer, b.id).then(
							() => true,
							(error) => {
								if (error instanceof NotFoundError) return false;
								throw error;
							}
						);
						expect(sqlBoards.has(String(b.id)), `board ${b.id} for ${viewer.id}`).toBe(opens);
					}
					// Events: mayReceive (live) against eventsVisibleTo (catch-up).
					if (built.events.length === 0) continue;
					const sqlEvents = ids(
						await t.db
							.selectFrom('event')
							.select('event.id')
							.where(
								'event.id',
								'in',
								built.events.map((e) => e.id)
							)
							.where(eventsVisibleTo(t.db, viewer))
							.execute()
					);
					for (const e of built.events) {
						const facts = built.cards.find((c) => c.id === e.cardId)?.facts;
						expect(sqlEvents.has(e.id), `event ${e.type} ${e.id} for ${viewer.id}`).toBe(
							mayReceive(viewer, e, facts)
						);
					}
				}
			}),
			{ numRuns: 40 }
		);
	});
});
