import { byName } from '$lib/domain/names';
import type { CardAssigneesInput, CardOrganizationsInput } from '$lib/schemas/card-people';
import { can, loadViewer, type Actor } from '../auth/policy';
import type { BoardWithFacts } from '../boards/service';
import type { Db } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { managersOf, notify } from '../notifications/repository';
import { recordEvent } from '../events/repository';
import * as repo from './people-repository';
import type { findCard } from './repository';
import { staleVersion, visibleCard } from './service';

// A card's organisations and people. Who may change what is policy.ts's (editCard, moveCard);
// the rules here keep one invariant: everyone assigned to a card belongs to one of its
// organisations. So an assignee must be a member, and an organisation whose assigned members
// would be left outside cannot be removed. A refusal writes nothing, and names only people the
// asker already sees on the card (its assignees, the members of its organisations).

type Card = NonNullable<Awaited<ReturnType<typeof findCard>>>;

const names = (list: readonly { name: string }[]) => list.map((x) => x.name).join(', ');

/** Bumps the version the change was based on; a card saved in between fails it (409). */
async function bumpVersion(trx: Db, card: Card, version: number) {
	const row = await repo.bumpCardVersion(trx, card.id, version);
	if (!row) staleVersion(card);
	return row;
}

export async function setOrganizations(
	db: Db,
	actor: Actor,
	cardId: number,
	input: CardOrganizationsInput
) {
	const viewer = await loadViewer(db, actor);
	const { card, board, facts } = await visibleCard(db, viewer, cardId);
	if (!can.editCard(viewer, facts)) throw new ForbiddenError();
	if (card.version !== input.version) staleVersion(card);
	const { leadId, partnerIds } = input;
	if (partnerIds.includes(leadId))
		throw new ValidationError('partnerIds', 'card_people_lead_is_partner');
	// A joint initiative is carried out by its participants; others would see a board they are not on.
	// Checked before existence and naming nobody: an organisation that does not take part answers
	// exactly as an id that does not exist.
	if (board.isJoint) {
		if (!board.participantIds.includes(leadId))
			throw new ValidationError('leadId', 'card_people_not_participant');
		if (partnerIds.some((id) => !board.participantIds.includes(id)))
			throw new ValidationError('partnerIds', 'card_people_not_participant');
	}
	const found = new Map(
		(await repo.findOrganizations(db, [leadId, ...partnerIds])).map((o) => [o.id, o])
	);
	if (!found.has(leadId)) throw new ValidationError('leadId', 'card_people_unknown_organization');
	if (partnerIds.some((id) => !found.has(id)))
		throw new ValidationError('partnerIds', 'card_people_unknown_organization');
	const beforeIds = card.orgs.map((o) => o.id);
	const afterIds = [leadId, ...partnerIds];
	const removed = beforeIds.filter((id) => !afterIds.includes(id));
	await refuseStranding(db, card, beforeIds, afterIds, removed);

	const unchanged =
		card.leadId === leadId &&
		card.partnerIds.length === partnerIds.length &&
		partnerIds.every((id) => card.partnerIds.includes(id));
	// Nothing to record: an event saying "no change" would only clutter the history.
	if (unchanged) return { id: card.id, version: card.version };

	const named = (id: number) => ({ id, name: found.get(id)!.name });
	const before = {
		lead:
			card.orgs.filter((o) => o.role === 'lead').map(({ id, name }) => ({ id, name }))[0] ?? null,
		partners: card.orgs.filter((o) => o.role === 'partner').map(({ id, name }) => ({ id, name }))
	};
	const after = { lead: named(leadId), partners: partnerIds.map(named).sort(byName) };
	return db.transaction().execute(async (trx) => {
		// The version first: it locks the card row, so the diff below is against what we read.
		const row = await bumpVersion(trx, card, input.version);
		await repo.writeOrganizations(
			trx,
			cardId,
			card.orgs.map((o) => ({ organizationId: o.id, role: o.role })),
			[
				{ organizationId: leadId, role: 'lead' },
				...partnerIds.map((id) => ({ organizationId: id, role: 'partner' as const }))
			]
		);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'card.organizations_changed',
			entityId: cardId,
			boardId: card.boardId,
			cardId,
			payload: { before, after }
		});
		// A new lead organisation, or a new partner: its managers hear that the card is theirs too.
		const had = new Set(card.orgs.map((o) => o.id));
		const given = [
			...(card.leadId !== leadId ? [leadId] : []),
			...partnerIds.filter((id) => !had.has(id))
		];
		const managers = new Set<number>();
		for (const organizationId of given)
			for (const p of await managersOf(trx, organizationId)) managers.add(p.id);
		await notify(trx, {
			type: 'org_assigned',
			cardId,
			actorId: actor.id,
			userIds: [...managers]
		});
		return row;
	});
}

/** Refuses removing an organisation whose assigned members would then belong to none of the card's. */
async function refuseStranding(
	db: Db,
	card: Card,
	beforeIds: number[],
	afterIds: number[],
	removed: number[]
) {
	if (removed.length === 0 || card.assignees.length === 0) return;
	const assigneeIds = card.assignees.map((a) => a.id);
	const [wereIn, stayIn] = await Promise.all([
		repo.membersAmong(db, assigneeIds, beforeIds),
		repo.membersAmong(db, assigneeIds, afterIds)
	]);
	const stranded = card.assignees.filter((a) => wereIn.has(a.id) && !stayIn.has(a.id));
	if (stranded.length === 0) return;
	const field = removed.length === 1 && removed[0] === card.leadId ? 'leadId' : 'partnerIds';
	throw new ValidationError(field, 'card_people_assignees_stranded', { names: names(stranded) });
}

export async function setAssignees(
	db: Db,
	actor: Actor,
	cardId: number,
	input: CardAssigneesInput
) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	const before = card.assignees.map((a) => a.id);
	const after = input.userIds;
	const added = after.filter((id) => !before.includes(id));
	const dropped = before.filter((id) => !after.includes(id));
	if (!can.moveCard(viewer, facts)) throw new ForbiddenError();
	// Whoever may move the card may take it on or let it go, but only for themself.
	if (!can.editCard(viewer, facts) && [...added, ...dropped].some((id) => id !== actor.id))
		throw new ForbiddenError('card_people_only_yourself');
	if (card.version !== input.version) staleVersion(card);

	// Only newly assigned people are checked: someone an administrator moved since stays until
	// unticked. Membership comes first and names nobody: a person outside the card's
	// organisations, a hidden one and an id nobody has all answer the same, so the refusal tells
	// nothing of the staff directory. Only then are people named, all of them members of the
	// card's organisations, whom the asker sees on the card.
	const members = await repo.membersAmong(
		db,
		added,
		card.orgs.map((o) => o.id)
	);
	if (added.some((id) => !members.has(id)))
		throw new ValidationError('userIds', 'card_people_not_member');
	const users = new Map((await repo.findUsers(db, after)).map((u) => [u.id, u]));
	if (after.some((id) => !users.has(id)))
		throw new ValidationError('userIds', 'card_people_not_member');
	const disabled = added.filter((id) => users.get(id)!.disabledAt);
	if (disabled.length > 0)
		throw new ValidationError('userIds', 'card_people_person_disabled', {
			names: names(disabled.map((id) => users.get(id)!))
		});

	if (added.length === 0 && dropped.length === 0) return { id: card.id, version: card.version };
	const named = (id: number) => ({ id, name: users.get(id)!.name });
	return db.transaction().execute(async (trx) => {
		const row = await bumpVersion(trx, card, input.version);
		await repo.writeAssignees(trx, cardId, before, after);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'card.assignees_changed',
			entityId: cardId,
			boardId: card.boardId,
			cardId,
			payload: {
				before: card.assignees.map(({ id, name }) => ({ id, name })),
				after: after.map(named).sort(byName)
			}
		});
		// Someone who takes a card on themself is not told of it.
		await notify(trx, { type: 'assigned', cardId, actorId: actor.id, userIds: added });
		return row;
	});
}

/**
 * What the card dialog offers: for editors, the organisations to pick and the people to assign
 * (with assignees no longer eligible kept in the list, so they can be unticked); for a mover
 * who is not an editor, whether they may assign themself.
 */
export async function cardPeopleOptions(
	db: Db,
	actor: Actor,
	view: { board: BoardWithFacts; card: Card; canEdit: boolean; canMove: boolean }
) {
	const { board, card, canEdit, canMove } = view;
	const members = await repo.listMembers(
		db,
		card.orgs.map((o) => o.id)
	);
	const selfAssigned = card.assignees.some((a) => a.id === actor.id);
	const self = {
		canEdit,
		selfId: actor.id,
		selfAssigned,
		canAssignSelf: canMove && !canEdit && (selfAssigned || members.some((p) => p.id === actor.id))
	};
	if (!canEdit) return { ...self, organizations: [], people: [] };
	const outsiders = card.assignees
		.filter((a) => !members.some((p) => p.id === a.id))
		.map(({ id, name }) => ({ id, name, organizations: [] as string[] }));
	return {
		...self,
		organizations: await repo.listPickableOrganizations(db, board, card.orgs),
		people: [...members, ...outsiders]
	};
}
