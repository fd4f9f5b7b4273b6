import path from 'node:path';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../../../db/seed/users';
import { isDatabaseEmpty, seedDatabase } from '../../../../db/seed';
import { env } from '../env';
import { fileStore } from '../files/store';
import { connectPostgres, openEmbedded, type DatabaseHandle, type Db } from '.';
import { migrateToLatest } from './migrate';

// The app's one database: opened, migrated and (when empty) seeded once per process. Kept on
// globalThis so that a module reloaded by Vite in development reuses it instead of opening the
// embedded directory a second time.

const KEY = Symbol.for('torun.appDatabase');
const OPEN = Symbol.for('torun.appDatabase.open');
type Holder = { [KEY]?: Promise<DatabaseHandle>; [OPEN]?: Db };
const holder = globalThis as Holder;

async function open(): Promise<DatabaseHandle> {
	const config = env();
	const handle = config.DATABASE_URL
		? connectPostgres(config.DATABASE_URL, config.DATABASE_POOL_SIZE)
		: await openEmbedded({ dataDir: path.resolve(config.DATA_DIR) });
	try {
		const ran = await migrateToLatest(handle.db);
		if (ran.length) console.log(`Migrations applied: ${ran.join(', ')}`);
		// Demo accounts only in the embedded (demo) database, or where explicitly asked for.
		const demo = handle.kind === 'embedded' || config.SEED_DEMO;
		if (await isDatabaseEmpty(handle.db)) {
			await seedDatabase(handle.db, { demo, files: fileStore() });
			console.log(`Seeded the strategies and organisations${demo ? ' and demo accounts' : ''}.`);
		}
		if (demo) printDemoAccounts();
	} catch (error) {
		await handle.close();
		throw error;
	}
	return handle;
}

export function printDemoAccounts() {
	console.log(`Demo accounts (password: ${DEMO_PASSWORD}):`);
	for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(28)} ${account.en}`);
}

export function startDatabase(): Promise<DatabaseHandle> {
	holder[KEY] ??= open().catch((error) => {
		holder[KEY] = undefined;
		throw error;
	});
	return holder[KEY];
}

/**
 * The database, once initDatabase() has resolved (the server's init hook awaits it). Held on
 * globalThis too: in development the real-time server loads its own copy of this module.
 */
export function db(): Db {
	const current = holder[OPEN];
	if (!current) throw new Error('The database is not started yet.');
	return current;
}

export async function initDatabase(): Promise<DatabaseHandle> {
	const handle = await startDatabase();
	holder[OPEN] = handle.db;
	return handle;
}

export async function stopDatabase(): Promise<void> {
	const pending = holder[KEY];
	holder[KEY] = undefined;
	holder[OPEN] = undefined;
	if (pending) await (await pending).close();
}
