import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TooLargeError, type FileStore } from '../../src/lib/server/files/store';

// What every file store must do (src/lib/server/files/store.ts FileStore), run against each
// implementation: the directory and the S3 bucket. `store()` is called in each test, after the
// suite's beforeAll has made it.

async function bytesOf(stream: Readable | null): Promise<Buffer | null> {
	if (!stream) return null;
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks);
}

async function keysIn(store: FileStore): Promise<string[]> {
	const keys: string[] = [];
	for await (const file of store.list()) keys.push(file.key);
	return keys.sort();
}

/** A body arriving in `count` chunks of `size` bytes, as a request's does. */
async function* chunks(count: number, size: number, fill = 0x61) {
	for (let i = 0; i < count; i++) yield new Uint8Array(size).fill(fill + (i % 20));
}

export function fileStoreContract(name: string, store: () => FileStore) {
	describe(`${name}: the file store contract`, () => {
		it('stores a streamed file under its key and gives back the same bytes', async () => {
			const key = randomUUID();
			const parts: Uint8Array[] = [];
			for await (const part of chunks(40, 4096)) parts.push(part);
			const expected = Buffer.concat(parts);
			const { size } = await store().put(key, chunks(40, 4096), 1024 * 1024);
			expect(size).toBe(expected.length);
			expect(await bytesOf(await store().get(key))).toEqual(expected);
			const listed = [];
			for await (const f of store().list()) if (f.key === key) listed.push(f);
			expect(listed).toHaveLength(1);
			expect(listed[0]!.size).toBe(expected.length);
			expect(listed[0]!.modified.getTime()).toBeGreaterThan(Date.now() - 60_000);
		});

		it('takes chunks at hand as well as a stream, and an empty file', async () => {
			const key = randomUUID();
			await store().put(key, [Buffer.from('Zażółć '), Buffer.from('gęślą jaźń')], 100);
			expect((await bytesOf(await store().get(key)))!.toString()).toBe('Zażółć gęślą jaźń');
			const empty = randomUUID();
			expect(await store().put(empty, [], 100)).toEqual({ size: 0 });
			expect(await bytesOf(await store().get(empty))).toEqual(Buffer.alloc(0));
		});

		it('answers null for a file it does not have, and removes one (twice is fine)', async () => {
			expect(await store().get(randomUUID())).toBeNull();
			const key = randomUUID();
			await store().put(key, [Buffer.from('x')], 10);
			await store().remove(key);
			await store().remove(key);
			expect(await store().get(key)).toBeNull();
			expect(await keysIn(store())).not.toContain(key);
		});

		it('replaces a file put again under the same key', async () => {
			const key = randomUUID();
			await store().put(key, [Buffer.from('first')], 10);
			await store().put(key, [Buffer.from('second')], 10);
			expect((await bytesOf(await store().get(key)))!.toString()).toBe('second');
		});

		it('refuses a body over the limit, leaving nothing under its key', async () => {
			const before = await keysIn(store());
			const key = randomUUID();
			await expect(store().put(key, chunks(10, 1000), 9_999)).rejects.toBeInstanceOf(TooLargeError);
			expect(await store().get(key)).toBeNull();
			expect(await keysIn(store())).toEqual(before);
			// Exactly the limit is allowed.
			expect(await store().put(key, chunks(10, 1000), 10_000)).toEqual({ size: 10_000 });
		});

		it('leaves nothing when the body breaks off mid-way, and says why', async () => {
			const before = await keysIn(store());
			const key = randomUUID();
			async function* broken() {
				yield new Uint8Array(3000).fill(1);
				throw new Error('connection reset');
			}
			await expect(store().put(key, broken(), 1_000_000)).rejects.toThrow('connection reset');
			expect(await store().get(key)).toBeNull();
			expect(await keysIn(store())).toEqual(before);
		});

		it('refuses a key that is not one of its own (a path, a dot-dot)', async () => {
			for (const key of ['../etc/passwd', 'a/b', '', '..x']) {
				await expect(store().put(key, [Buffer.from('x')], 10)).rejects.toThrow(/Not a file key/);
			}
		});

		it('has nothing incomplete left over from writes that ended', async () => {
			expect(await store().removeIncomplete(new Date())).toBe(0);
		});
	});
}
