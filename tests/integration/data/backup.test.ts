import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../db/seed';
import { backupEmbedded, restoreEmbedded } from '../../../src/lib/server/backup/embedded';
import {
	backupPostgres,
	findPgTool,
	restorePostgres
} from '../../../src/lib/server/backup/postgres';
import { openEmbedded, type Db } from '../../../src/lib/server/db';
import { createTestDatabase, migratedSnapshot } from '../../helpers/db';
import { addWorkRows, fingerprint } from './fingerprint';

// The restore drill: a database with the demo data and more is backed up, wiped, restored, and
// must then hold exactly what it held, table by table; and the audit log must still be
// append-only (its trigger is part of the backup).

const tmp = path.resolve(`tests/.tmp/backup-${process.pid}`);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function fill(db: Db) {
	await seedDatabase(db, { demo: true });
	await addWorkRows(db);
}

async function expectAppendOnly(db: Db) {
	await expect(sql`update event set type = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
	await expect(sql`delete from event`.execute(db)).rejects.toThrow(/append-only/);
}

// The embedded drill runs in the embedded pass of the suite; the server's in the server pass.
describe.skipIf(process.env.TEST_DATABASE_URL)('the embedded database', () => {
	const dataDir = path.join(tmp, 'data');
	const file = path.join(tmp, 'backups', 'embedded.tar.gz');

	it('is restored from its backup exactly as it was, the audit log still append-only', async () => {
		// From the migrated snapshot (a cold migration costs seconds) into a data directory.
		let handle = await openEmbedded({ dataDir, loadDataDir: await migratedSnapshot() });
		await fill(handle.db);
		const before = await fingerprint(handle.db);
		await handle.close();
		expect(before.card!.rows).toBeGreaterThan(1);
		expect(before.event!.rows).toBeGreaterThan(2);

		await backupEmbedded(dataDir, file);
		fs.rmSync(dataDir, { recursive: true });
		await restoreEmbedded(dataDir, file);

		handle = await openEmbedded({ dataDir });
		try {
			expect(await fingerprint(handle.db)).toEqual(before);
			await expectAppendOnly(handle.db);
		} finally {
			await handle.close();
		}
		// It opens the database four times, each a few seconds on a busy machine.
	}, 120_000);

	it('refuses backup and restore while another process holds the database', async () => {
		// A data directory as a running app holds it: the parent of this test process is alive,
		// so its lock is not stale.
		const held = path.join(tmp, 'held');
		fs.mkdirSync(held, { recursive: true });
		fs.writeFileSync(path.join(held, 'PG_VERSION'), '17\n');
		const lock = path.join(held, 'app.lock');
		fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, startedAt: 'now' }));
		const listing = fs.readdirSync(held).sort();
		try {
			const inUse = (what: string) =>
				new RegExp(`^Stop the app before a ${what}\\. .* in use by process ${process.ppid}`);
			await expect(backupEmbedded(held, path.join(tmp, 'refused.tar.gz'))).rejects.toThrow(
				inUse('backup')
			);
			const backupFile = path.join(tmp, 'any.tar.gz');
			fs.writeFileSync(backupFile, '');
			await expect(restoreEmbedded(held, backupFile)).rejects.toThrow(inUse('restore'));
			expect(fs.existsSync(path.join(tmp, 'refused.tar.gz'))).toBe(false);
			expect(fs.readdirSync(held).sort()).toEqual(listing);
		} finally {
			fs.unlinkSync(lock);
		}
	});

	it('refuses a file that is not a backup, leaving the database as it was', async () => {
		fs.mkdirSync(dataDir, { recursive: true });
		const bogus = path.join(tmp, 'bogus.tar.gz');
		fs.writeFileSync(bogus, 'not a tarball');
		const listing = fs.readdirSync(dataDir).sort();
		await expect(restoreEmbedded(dataDir, bogus)).rejects.toThrow();
		expect(fs.readdirSync(dataDir).sort()).toEqual(listing);
		await expect(restoreEmbedded(dataDir, path.join(tmp, 'missing.tar.gz'))).rejects.toThrow(
			/No backup file/
		);
	});
});

describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL server', () => {
	it('is restored from pg_dump exactly as it was, over a wiped and over a changed database', async () => {
		const t = await createTestDatabase();
		try {
			await fill(t.db);
			const before = await fingerprint(t.db);
			const file = path.join(tmp, 'server.dump');
			await backupPostgres(t.url!, file);

			// Wiped: nothing of the app is left.
			await sql`drop schema public cascade`.execute(t.db);
			await sql`create schema public`.execute(t.db);
			await restorePostgres(t.url!, file);
			expect(await fingerprint(t.db)).toEqual(before);
			await expectAppendOnly(t.db);

			// Changed since: --clean drops the tables (the audit log's too) and loads the backup.
			await addWorkRows(t.db);
			expect(await fingerprint(t.db)).not.toEqual(before);
			await restorePostgres(t.url!, file);
			expect(await fingerprint(t.db)).toEqual(before);
			await expectAppendOnly(t.db);
		} finally {
			await t.destroy();
		}
	});
});

describe('the PostgreSQL tools', () => {
	it('are looked for by the server major version, with a message saying what to install', async () => {
		await expect(findPgTool('pg_dump', 99)).rejects.toThrow(
			/pg_dump for PostgreSQL 99 was not found.*postgresql-client-99.*PG_BIN_DIR/s
		);
	});
});
