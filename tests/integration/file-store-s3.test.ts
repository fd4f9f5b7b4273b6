import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import S3rver from 's3rver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../../src/lib/server/env';
import { S3Store } from '../../src/lib/server/files/s3';
import { s3Options, TooLargeError } from '../../src/lib/server/files/store';
import { fileStoreContract } from '../helpers/file-store-contract';

// The S3 store against the same contract as the directory store, on a real S3-compatible server
// (s3rver, on 127.0.0.1 at a free port, its bucket in a temporary directory); and a file large
// enough to go up in several parts, cut off past its limit.

const BUCKET = 'torun-files';
let dir: string;
let server: S3rver;
let store: S3Store;
let endpoint: string;

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 's3rver-'));
	server = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory: dir,
		configureBuckets: [{ name: BUCKET, configs: [] }]
	});
	const { port } = await server.run();
	endpoint = `http://127.0.0.1:${port}`;
	// As the app makes it from its environment.
	const options = s3Options(
		parseEnv({
			S3_ENDPOINT: endpoint,
			S3_BUCKET: BUCKET,
			S3_ACCESS_KEY_ID: 'S3RVER',
			S3_SECRET_ACCESS_KEY: 'S3RVER'
		})
	);
	store = new S3Store(options!);
});
afterAll(async () => {
	store?.client.destroy();
	await server?.close();
	await rm(dir, { recursive: true, force: true });
});

fileStoreContract('an S3 bucket', () => store);

it('is chosen with the S3 settings, path-style in us-east-1 unless told otherwise', () => {
	const options = s3Options(parseEnv({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'abc' }));
	expect(options).toMatchObject({
		bucket: 'abc',
		client: { region: 'us-east-1', forcePathStyle: true, credentials: undefined }
	});
	expect(s3Options(parseEnv({}))).toBeNull();
	expect(() => parseEnv({ S3_BUCKET: 'abc' })).toThrow(/S3_ENDPOINT and S3_BUCKET go together/);
	expect(() => parseEnv({ S3_ENDPOINT: 'http://x', S3_BUCKET: 'A_b' })).toThrow(/bucket name/);
	expect(
		s3Options(
			parseEnv({ S3_ENDPOINT: 'http://x', S3_BUCKET: 'abc', S3_FORCE_PATH_STYLE: 'false' })
		)!.client.forcePathStyle
	).toBe(false);
});

it('sends a large file in parts, and aborts one that passes its limit after some parts', async () => {
	const MB = 1024 * 1024;
	async function* body(megabytes: number) {
		for (let i = 0; i < megabytes * 4; i++) yield new Uint8Array(MB / 4).fill(i % 251);
	}
	const key = randomUUID();
	expect(await store.put(key, body(12), 20 * MB)).toEqual({ size: 12 * MB });
	let total = 0;
	for await (const chunk of (await store.get(key))!) total += (chunk as Buffer).length;
	expect(total).toBe(12 * MB);

	const cut = randomUUID();
	await expect(store.put(cut, body(14), 11 * MB)).rejects.toBeInstanceOf(TooLargeError);
	expect(await store.get(cut)).toBeNull();
	const keys: string[] = [];
	for await (const f of store.list()) keys.push(f.key);
	expect(keys).toContain(key);
	expect(keys).not.toContain(cut);
});
