import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/schema';

// Activity reports' queries.

/** The indicators of the given goals, by their goal's code and their name. */
export function indicatorsOfGoals(db: Db, goalIds: number[]) {
	return db
		.selectFrom('indicator')
		.innerJoin('goal', 'goal.id', 'indicator.goalId')
		.select(['indicator.id', 'indicator.name', 'indicator.unit', 'goal.code as goalCode'])
		.where('indicator.goalId', 'in', goalIds)
		.orderBy('goal.code')
		.orderBy('indicator.name')
		.execute();
}

/** A card's reports but other people's drafts, newest period first, with the names they show. */
export function listReportRows(db: Db, cardId: number, viewerId: number) {
	return db
		.selectFrom('activityReport as r')
		.innerJoin('organization as o', 'o.id', 'r.organizationId')
		.leftJoin('user as author', 'author.id', 'r.authorId')
		.leftJoin('user as reviewer', 'reviewer.id', 'r.reviewedBy')
		.selectAll('r')
		.select([
			'o.name as organizationName',
			'o.shortName as organizationShortName',
			'author.name as authorName',
			'reviewer.name as reviewerName'
		])
		.where('r.cardId', '=', cardId)
		.where((eb) => eb.or([eb('r.status', '!=', 'draft'), eb('r.authorId', '=', viewerId)]))
		.orderBy('r.periodStart', 'desc')
		.orderBy('r.id', 'desc')
		.execute();
}

/** The indicator values the given reports give, with the indicators' names and units. */
export function valuesOfReports(db: Db, reportIds: number[]) {
	return db
		.selectFrom('indicatorValue as v')
		.innerJoin('indicator as i', 'i.id', 'v.indicatorId')
		.select(['v.reportId', 'v.indicatorId', 'v.value', 'i.name', 'i.unit'])
		.where('v.reportId', 'in', reportIds)
		.execute();
}

export function deleteReportValues(db: Db, reportId: number) {
	return db.deleteFrom('indicatorValue').where('reportId', '=', reportId).execute();
}

export function insertIndicatorValues(db: Db, values: Insertable<Database['indicatorValue']>[]) {
	return db.insertInto('indicatorValue').values(values).execute();
}

/** Changes a report if it is still at `version`; nothing is returned when it is not. */
export function updateReportAt(
	db: Db,
	reportId: number,
	version: number,
	set: Updateable<Database['activityReport']>
) {
	return db
		.updateTable('activityReport')
		.set(set)
		.where('id', '=', reportId)
		.where('version', '=', version)
		.returning('id')
		.executeTakeFirst();
}

export function insertReport(db: Db, values: Insertable<Database['activityReport']>) {
	return db.insertInto('activityReport').values(values).returning('id').executeTakeFirstOrThrow();
}

/** A report of the card. */
export function findReportOfCard(db: Db, cardId: number, reportId: number) {
	return db
		.selectFrom('activityReport')
		.selectAll()
		.where('id', '=', reportId)
		.where('cardId', '=', cardId)
		.executeTakeFirst();
}

/** A person's reports, newest first, with their cards and organisations. */
export function listReportsOfAuthor(db: Db, authorId: number) {
	return db
		.selectFrom('activityReport as r')
		.innerJoin('card', 'card.id', 'r.cardId')
		.innerJoin('organization as o', 'o.id', 'r.organizationId')
		.select([
			'r.id',
			'r.status',
			'r.periodStart',
			'r.periodEnd',
			'r.summary',
			'r.returnReason',
			'r.updatedAt',
			'card.id as cardId',
			'card.title as cardTitle',
			'card.boardId',
			'o.name as organizationName'
		])
		.where('r.authorId', '=', authorId)
		.orderBy('r.updatedAt', 'desc')
		.limit(200)
		.execute();
}
