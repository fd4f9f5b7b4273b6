import type { Insertable } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';

// Indicators' queries.

export function findGoalLevel(db: Db, goalId: number) {
	return db
		.selectFrom('goal')
		.select(['id', 'level', 'strategyId'])
		.where('id', '=', goalId)
		.executeTakeFirst();
}

export function findOrganizationId(db: Db, organizationId: number) {
	return db
		.selectFrom('organization')
		.select('id')
		.where('id', '=', organizationId)
		.executeTakeFirst();
}

export function insertIndicator(db: Db, values: Insertable<Database['indicator']>) {
	return db.insertInto('indicator').values(values).returning('id').executeTakeFirstOrThrow();
}

export function findIndicatorId(db: Db, indicatorId: number) {
	return db.selectFrom('indicator').select('id').where('id', '=', indicatorId).executeTakeFirst();
}

export function insertIndicatorValue(db: Db, values: Insertable<Database['indicatorValue']>) {
	return db.insertInto('indicatorValue').values(values).returning('id').executeTakeFirstOrThrow();
}

/** The indicators of the given goals, with the names of their responsible organisation. */
export function listIndicatorsOfGoals(db: Db, goalIds: readonly number[]) {
	return db
		.selectFrom('indicator')
		.leftJoin('organization', 'organization.id', 'indicator.responsibleOrganizationId')
		.selectAll('indicator')
		.select([
			'organization.name as responsibleName',
			'organization.shortName as responsibleShortName'
		])
		.where('indicator.goalId', 'in', [...goalIds])
		.orderBy('indicator.id')
		.execute();
}

/**
 * The values of the given indicators that count: entered by the coordinator, or from an
 * accepted report — up to `until` when given.
 */
export function countedValues(db: Db, indicatorIds: number[], until?: string) {
	let values = db
		.selectFrom('indicatorValue as v')
		.leftJoin('activityReport as r', 'r.id', 'v.reportId')
		.select(['v.id', 'v.indicatorId', 'v.value', 'v.periodEnd'])
		.where('v.indicatorId', 'in', indicatorIds)
		.where((eb) => eb.or([eb('v.reportId', 'is', null), eb('r.status', '=', 'accepted')]));
	if (until) values = values.where('v.periodEnd', '<=', until);
	return values.execute();
}
