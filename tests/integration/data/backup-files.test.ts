import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeFiles, filesOf } from '../../../src/lib/server/backup';
import { backupFiles, filesBackupOf, restoreFiles } from '../../../src/lib/server/backup/files';
import { DirectoryStore } from '../../../src/lib/server/files/store';

// The attached files of a directory store go with the database's backup, and come back with its
// restore exactly as they were: files added since are gone, files removed since are back. Files
// in an S3 bucket are left to the bucket.

const tmp = path.resolve(`tests/.tmp/backup-files-${process.pid}`);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const contents = (dir: string) =>
	Object.fromEntries(
		fs
			.readdirSync(dir)
			.filter((n) => n !== '.partial')
			.sort()
			.map((n) => [n, fs.readFileSync(path.join(dir, n)).toString('hex')])
	);

it('copies the files beside the backup and restores them as they were', async () => {
	const dir = path.join(tmp, 'data', 'files');
	const file = path.join(tmp, 'backups', 'db.dump');
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const store = new DirectoryStore(dir);
	await store.put('a1b2c3', [Buffer.from('%PDF-1.4 evidence')], 1000);
	await store.put('a1b2c3.thumb.webp', [Buffer.from('RIFF thumb')], 1000);
	// A write under way is no file yet: it is not backed up.
	fs.mkdirSync(path.join(dir, '.partial'), { recursive: true });
	fs.writeFileSync(path.join(dir, '.partial', 'half'), 'half');
	const before = contents(dir);

	expect(backupFiles(dir, file)).toBe(2);
	expect(contents(filesBackupOf(file))).toEqual(before);

	await store.remove('a1b2c3');
	await store.put('d4e5f6', [Buffer.from('added later')], 1000);
	expect(restoreFiles(dir, file)).toBe(2);
	expect(contents(dir)).toEqual(before);
	// Nothing of the restore's staging is left beside it.
	expect(fs.readdirSync(path.dirname(dir))).toEqual(['files']);
});

it('leaves the files alone when a backup has none beside it', () => {
	const dir = path.join(tmp, 'other', 'files');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'keep'), 'kept');
	expect(restoreFiles(dir, path.join(tmp, 'backups', 'older.dump'))).toBeNull();
	expect(fs.readFileSync(path.join(dir, 'keep'), 'utf8')).toBe('kept');
});

it('finds the files where the app keeps them, and leaves a bucket to its own backup', () => {
	expect(filesOf({ DATA_DIR: '/srv/app' })).toEqual({ dir: '/srv/app/files' });
	expect(filesOf({ DATA_DIR: '/srv/app', FILES_DIR: '/mnt/files' })).toEqual({
		dir: '/mnt/files'
	});
	const s3 = { DATA_DIR: '/srv/app', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'files' };
	expect(filesOf(s3)).toEqual({ bucket: 'files' });
	expect(describeFiles(s3, 'b.dump', null)).toMatch(/S3 bucket files.*does not hold them/);
});
