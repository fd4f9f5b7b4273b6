import { ENTITY_TYPES, type EntityType } from '$lib/events/catalogue';
import { isoDate, optionalId } from './common';
import { z } from './zod';

// The audit log's filters, from the query string: anything unreadable is dropped, not an error.

const optional = <T extends z.ZodType>(schema: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional()).catch(undefined);

export const auditFiltersSchema = z.object({
	/** An event type or its family: `card`, `card.moved`, `report`, … */
	type: optional(
		z
			.string()
			.trim()
			.regex(/^[a-z_]+(\.[a-z_]+)?$/)
			.max(60)
	),
	actor: optional(optionalId),
	entity: optional(z.enum(ENTITY_TYPES as [EntityType, ...EntityType[]])),
	from: optional(isoDate),
	to: optional(isoDate),
	/** Older than this event id: the next page. */
	before: optional(optionalId)
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export function parseAuditFilters(query: URLSearchParams): AuditFilters {
	return auditFiltersSchema.parse(Object.fromEntries(query));
}
