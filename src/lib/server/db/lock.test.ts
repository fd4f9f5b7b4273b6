import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireDataDirLock } from './lock';

const dirs: string[] = [];
function tempDir() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-test-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('data directory lock', () => {
	it('refuses a second process, naming the one that holds the lock', async () => {
		const dir = tempDir();
		// Another live process holds the lock.
		const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
		try {
			fs.writeFileSync(
				path.join(dir, 'app.lock'),
				JSON.stringify({ pid: other.pid, startedAt: '2026-01-01T00:00:00Z' })
			);
			expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
			expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`process ${other.pid}`));
		} finally {
			other.kill();
		}
	});

	it('takes over a stale lock left by a process that is gone, and releases it', () => {
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'app.lock'), JSON.stringify({ pid: 2 ** 22 + 12345 }));
		const release = acquireDataDirLock(dir);
		const holder = JSON.parse(fs.readFileSync(path.join(dir, 'app.lock'), 'utf8'));
		expect(holder.pid).toBe(process.pid);
		release();
		expect(fs.existsSync(path.join(dir, 'app.lock'))).toBe(false);
	});
});
