import { NotFoundError } from '../errors';
import type { SessionUser } from './session';

// Who may do what, in one place. Routes and services ask here; nothing else decides.
// What a person may not see answers 404, so the existence of a page is not disclosed.

export type Actor = Pick<SessionUser, 'id' | 'role'>;

export const can = {
	/** Manage people, their roles and organisations. */
	administer: (actor: Actor) => actor.role === 'admin',
	/** Edit the goal tree: add, edit, reorder, remove goals and import outlines. */
	editStrategy: (actor: Actor) => actor.role === 'admin' || actor.role === 'coordinator'
} as const;

export function requireAdmin(actor: Actor | null): asserts actor is Actor {
	if (!actor || !can.administer(actor)) throw new NotFoundError();
}

export function requireStrategyEditor(actor: Actor | null): asserts actor is Actor {
	if (!actor || !can.editStrategy(actor)) throw new NotFoundError();
}
