import { describe, expect, it } from 'vitest';
import { connectPostgres } from '../../src/lib/server/db';
import { databaseIsUp } from '../../src/lib/server/db/health';
import { createTestDatabase } from '../helpers/db';

describe('database health', () => {
	it('is up while the database answers, and down once it is gone', async () => {
		const t = await createTestDatabase();
		expect(await databaseIsUp(t.db)).toBe(true);
		await t.destroy();
		expect(await databaseIsUp(t.db)).toBe(false);
	});

	it('is down when no server listens at the address', async () => {
		// Port 9 (discard) on the loopback: nothing listens there, the connection is refused.
		const handle = connectPostgres('postgres://nobody@127.0.0.1:9/none', 1);
		try {
			expect(await databaseIsUp(handle.db)).toBe(false);
		} finally {
			await handle.close();
		}
	});
});
