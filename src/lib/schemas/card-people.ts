import { m } from '$lib/paraglide/messages';
import { recordId } from './common';
import { z } from './zod';

// A card's organisations and people: one schema per form, shared by the card dialog and the
// server. The rules that need the database (participants, memberships) live in the service.

export const MAX_PICKED = 50;

/**
 * The ids ticked in a checkbox list. A form sends one ticked box as a string, several as an
 * array and none as nothing at all (see formValues), so every shape becomes a list of unique ids.
 */
export const idList = z
	.preprocess(
		(v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
		z.array(recordId)
	)
	.transform((ids) => [...new Set(ids)])
	.pipe(
		z
			.array(z.number())
			.max(MAX_PICKED, { error: () => m.card_people_too_many({ max: MAX_PICKED }) })
	);

/** The lead and the partners, as the version seen: a stale version is refused with 409. */
export const cardOrganizationsSchema = z.object({
	version: recordId,
	leadId: recordId,
	partnerIds: idList
});

/** Everyone assigned after the change (not a difference), with the version seen. */
export const cardAssigneesSchema = z.object({
	version: recordId,
	userIds: idList
});

export type CardOrganizationsInput = z.output<typeof cardOrganizationsSchema>;
export type CardAssigneesInput = z.output<typeof cardAssigneesSchema>;
