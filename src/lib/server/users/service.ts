import type { Db } from '../db';

export async function setUserLocale(db: Db, userId: number, locale: 'pl' | 'en'): Promise<void> {
	await db.updateTable('user').set({ locale }).where('id', '=', userId).execute();
}

/** The organisations a person belongs to, with their role in each. */
export function listMemberships(db: Db, userId: number) {
	return db
		.selectFrom('membership')
		.innerJoin('organization', 'organization.id', 'membership.organizationId')
		.select([
			'organization.id',
			'organization.name',
			'organization.kind',
			'organization.isCoordinator',
			'membership.role'
		])
		.where('membership.userId', '=', userId)
		.orderBy('organization.name')
		.execute();
}
