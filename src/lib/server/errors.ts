// Typed domain errors, thrown by services and turned into HTTP answers in one place
// (src/lib/server/http.ts). Each carries a message key of messages/*.json, so the answer speaks
// the user's language whoever threw it.

export type MessageParams = Record<string, string | number>;

export abstract class DomainError extends Error {
	abstract readonly status: number;
	constructor(
		readonly key: string,
		readonly params: MessageParams = {}
	) {
		super(key);
		this.name = new.target.name;
	}
}

/** The resource does not exist, or the user may not see it (both answer 404). */
export class NotFoundError extends DomainError {
	readonly status = 404;
	constructor(key = 'error_not_found', params?: MessageParams) {
		super(key, params);
	}
}

/** The user sees the resource but may not do this to it. */
export class ForbiddenError extends DomainError {
	readonly status = 403;
	constructor(key = 'error_forbidden', params?: MessageParams) {
		super(key, params);
	}
}

/** The change contradicts the current state (a stale version, a goal still in use…). */
export class ConflictError extends DomainError {
	readonly status = 409;
}

/** Input that passed its schema but breaks a rule that needs the database (a taken e-mail…). */
export class ValidationError extends DomainError {
	readonly status = 400;
	constructor(
		readonly field: string,
		key: string,
		params?: MessageParams
	) {
		super(key, params);
	}
}

export class RateLimitedError extends DomainError {
	readonly status = 429;
}
