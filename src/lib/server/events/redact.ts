import { erasedEmail, erasedName } from '$lib/domain/pseudonym';

// The audit log is append-only, so a person's erasure cannot take their name out of the payloads
// written before it (user.created and user.updated hold the name and e-mail given; a change of a
// card's assignees holds the names of those assigned). Whatever shows or exports events passes
// them through here: in an event about an erased person, and in any { id, name } of one, the name
// and e-mail read as the pseudonym. The rows themselves stay as written.

function redact(value: unknown, erased: Set<number>, subject: number | null): unknown {
	if (Array.isArray(value)) return value.map((v) => redact(v, erased, subject));
	if (value === null || typeof value !== 'object') return value;
	const record = value as Record<string, unknown>;
	// An object with an id of its own is about that id; one without, about the event's subject.
	const id = typeof record.id === 'number' ? record.id : undefined;
	const own = id === undefined ? subject : erased.has(id) ? id : null;
	return Object.fromEntries(
		Object.entries(record).map(([key, v]) => {
			if (own !== null && key === 'name' && typeof v === 'string') return [key, erasedName(own)];
			if (own !== null && key === 'email' && typeof v === 'string') return [key, erasedEmail(own)];
			return [key, redact(v, erased, id === undefined ? subject : null)];
		})
	);
}

/** The event's payload with the names and e-mails of erased people replaced by pseudonyms. */
export function redactPayload<E extends { entityType: string; entityId: number; payload: unknown }>(
	event: E,
	erased: Set<number>
): E {
	if (erased.size === 0) return event;
	const subject = event.entityType === 'user' && erased.has(event.entityId) ? event.entityId : null;
	return { ...event, payload: redact(event.payload, erased, subject) };
}
