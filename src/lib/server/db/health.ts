import { sql } from 'kysely';
import type { Db } from '.';

/** How long the health check waits for the database before calling it down. */
const TIMEOUT_MS = 2000;

/**
 * Whether the database answers a trivial query in time. A server that hangs (rather than
 * refusing) must not hang the health check with it, so the wait is bounded.
 */
export async function databaseIsUp(db: Db, timeoutMs = TIMEOUT_MS): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), timeoutMs);
	});
	const query = sql`select 1`.execute(db).then(
		() => true,
		() => false
	);
	try {
		return await Promise.race([query, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
