import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../../db/migrations';
import type { Db } from '.';

function migrator(db: Db) {
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations }
	});
}

function check({ error, results }: MigrationResultSet): string[] {
	if (error) {
		const failed = results?.find((r) => r.status === 'Error');
		throw new Error(
			`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	return (results ?? []).map((r) => r.migrationName);
}

/** Runs every pending migration; returns the names of those it ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
	return check(await migrator(db).migrateToLatest());
}

/** Undoes the latest migration; returns its name. */
export async function migrateDown(db: Db): Promise<string[]> {
	return check(await migrator(db).migrateDown());
}
