import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DirectoryStore } from '../../src/lib/server/files/store';
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
