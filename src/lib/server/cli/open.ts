import path from 'node:path';
import { connectPostgres, openEmbedded, type DatabaseHandle } from '../db';
import { env } from '../env';

// The database for a command-line script: the same choice as the app (DATABASE_URL or the
// embedded directory, which must not be open in a running app at the same time).
export async function openForCli(): Promise<DatabaseHandle> {
	const config = env();
	return config.DATABASE_URL
		? connectPostgres(config.DATABASE_URL, 2)
		: openEmbedded({ dataDir: path.resolve(config.DATA_DIR) });
}

export async function runCli(main: (handle: DatabaseHandle) => Promise<void>) {
	let handle: DatabaseHandle | undefined;
	try {
		handle = await openForCli();
		await main(handle);
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	} finally {
		await handle?.close();
	}
}
