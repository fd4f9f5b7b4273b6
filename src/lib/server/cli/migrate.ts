// npm run db:migrate [-- down]: runs pending migrations (or undoes the latest one).
import { migrateDown, migrateToLatest } from '../db/migrate';
import { runCli } from './open';

await runCli(async ({ db }) => {
	const down = process.argv.includes('down');
	const names = down ? await migrateDown(db) : await migrateToLatest(db);
	if (names.length === 0) console.log(down ? 'Nothing to undo.' : 'The database is up to date.');
	for (const name of names) console.log(`${down ? 'Undone' : 'Applied'}: ${name}`);
});
