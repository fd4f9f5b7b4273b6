import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DirectoryStore, TooLargeError } from '../../src/lib/server/files/store';
import { fileStoreContract } from '../helpers/file-store-contract';

// The directory store (the default) against the file store contract.

let dir: string;
let store: DirectoryStore;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'file-store-'));
	store = new DirectoryStore(path.join(dir, 'files'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

fileStoreContract('a directory', () => store);

// A refused write leaves no partial file. The store removes it only once the write stream has
// closed: one stopped while still opening its file would otherwise create it after the clean-up
// (seen once under load, as a file left in .partial/ after a 413; the timing cannot be forced
// here, so this checks the outcome over many refusals).
it('leaves no partial file behind refused writes', async () => {
	for (let i = 0; i < 20; i++)
		await expect(store.put(`refused-${i}`, [new Uint8Array(2048)], 1024)).rejects.toBeInstanceOf(
			TooLargeError
		);
	expect(await readdir(path.join(dir, 'files', '.partial'))).toEqual([]);
});
