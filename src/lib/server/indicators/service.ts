import type { IndicatorInput, IndicatorValueInput } from '$lib/schemas/monitoring';
import { currentValue, expectedPercent, progressPercent } from '$lib/domain/indicators';
import { can, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import * as repo from './repository';

// Indicators on operational and strategic goals, defined by the coordinator, with their values:
// from accepted activity reports, or entered by the coordinator with their source.

async function indicatorGoal(db: Db, goalId: number) {
	const goal = await repo.findGoalLevel(db, goalId);
	if (!goal) throw new NotFoundError();
	if (goal.level !== 'operational' && goal.level !== 'strategic')
		throw new ValidationError('goalId', 'indicator_goal_level');
	return goal;
}

export async function createIndicator(db: Db, actor: Actor, goalId: number, input: IndicatorInput) {
	if (!can.manageIndicators(actor)) throw new ForbiddenError();
	await indicatorGoal(db, goalId);
	if (input.responsibleOrganizationId) {
		const org = await repo.findOrganizationId(db, input.responsibleOrganizationId);
		if (!org) throw new ValidationError('responsibleOrganizationId', 'error_invalid_choice');
	}
	return db.transaction().execute(async (trx) => {
		const row = await repo.insertIndicator(trx, {
			...input,
			goalId,
			responsibleOrganizationId: input.responsibleOrganizationId ?? null
		});
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'indicator.created',
			entityId: row.id,
			payload: { goalId, name: input.name }
		});
		return row;
	});
}

/** A value from another source (a statistics office, a survey), entered by the coordinator. */
export async function addIndicatorValue(db: Db, actor: Actor, input: IndicatorValueInput) {
	if (!can.manageIndicators(actor)) throw new ForbiddenError();
	const indicator = await repo.findIndicatorId(db, input.indicatorId);
	if (!indicator) throw new NotFoundError();
	return db.transaction().execute(async (trx) => {
		const row = await repo.insertIndicatorValue(trx, { ...input, enteredBy: actor.id });
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'indicator.value_added',
			entityId: input.indicatorId,
			payload: { value: input.value, periodEnd: input.periodEnd, source: input.source }
		});
		return row;
	});
}

/** An indicator as pages show it: its definition, value now, progress and where it should be. */
export type IndicatorWithProgress = Awaited<ReturnType<typeof indicatorsOf>>[number];

/**
 * The indicators of the given goals with their current value and progress. Values that count:
 * entered by the coordinator, or from an accepted report — up to `until` when given.
 */
export async function indicatorsOf(
	db: Db,
	goalIds: readonly number[],
	options: { year?: number; until?: string } = {}
) {
	if (goalIds.length === 0) return [];
	const indicators = await repo.listIndicatorsOfGoals(db, goalIds);
	if (indicators.length === 0) return [];
	const counted = await repo.countedValues(
		db,
		indicators.map((i) => i.id),
		options.until
	);
	const year = options.year ?? new Date().getFullYear();
	return indicators.map((indicator) => {
		const value = currentValue(
			indicator,
			counted.filter((v) => v.indicatorId === indicator.id)
		);
		return {
			...indicator,
			value,
			progress: progressPercent(indicator, value),
			expected: expectedPercent(indicator, year)
		};
	});
}
