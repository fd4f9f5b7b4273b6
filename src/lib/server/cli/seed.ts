// npm run db:seed: loads the strategies, organisations and (on the embedded database, or with
// SEED_DEMO=true) the demo accounts. Idempotent: a second run adds nothing.
import { seedDatabase } from '../../../../db/seed';
import { printDemoAccounts } from '../db/app';
import { migrateToLatest } from '../db/migrate';
import { env } from '../env';
import { fileStore } from '../files/store';
import { runCli } from './open';

await runCli(async (handle) => {
	await migrateToLatest(handle.db);
	const demo = handle.kind === 'embedded' || env().SEED_DEMO;
	const { created } = await seedDatabase(handle.db, { demo, files: fileStore() });
	console.log(created ? 'Seed data loaded.' : 'Seed data was already there; nothing changed.');
	if (demo) printDemoAccounts();
});
