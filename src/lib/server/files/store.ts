import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { env, type Env } from '../env';
import { S3Store, type S3StoreOptions } from './s3';

// Where attached files' bytes live, behind one small interface: a directory by default, or an
// S3-compatible bucket (./s3.ts) when S3_ENDPOINT and S3_BUCKET are set. Keys are random ids made by the app,
// never a name someone typed, so no key can reach outside the store.

/** A body that is longer than allowed: nothing of it is kept. */
export class TooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`The body is larger than ${limit} bytes`);
	}
}

/** What a file is written from: a stream, or chunks at hand. */
export type Body = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface StoredFile {
	key: string;
	size: number;
	modified: Date;
}

export interface FileStore {
	/**
	 * Streams `body` into the store under `key`, never holding it whole. More than `maxBytes`
	 * throws TooLargeError; a broken stream throws its error; either way nothing is left behind.
	 */
	put(key: string, body: Body, maxBytes: number): Promise<{ size: number }>;
	/** The file's bytes as a stream, or null when there is no such file. */
	get(key: string): Promise<Readable | null>;
	remove(key: string): Promise<void>;
	/** Every complete file held, for the orphan sweep and the backup. */
	list(): AsyncIterable<StoredFile>;
	/** Removes what writes that never finished (a process stopped mid-way) left before `before`. */
	removeIncomplete(before: Date): Promise<number>;
	/** Where the file is on this machine's disk, for a tool that reads files (sharp); if it is. */
	localPath?(key: string): string;
}

export const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function checkKey(key: string): string {
	if (!KEY.test(key) || key.includes('..')) throw new Error(`Not a file key: ${key}`);
	return key;
}

/** Counts the bytes going through and stops the stream past the limit. */
export function limitTo(maxBytes: number) {
	let size = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _enc, done) {
			size += chunk.length;
			if (size > maxBytes) done(new TooLargeError(maxBytes));
			else done(null, chunk);
		}
	});
	return { counter, size: () => size };
}

/** Files in one directory; a file being written sits in `.partial/` until it is complete. */
export class DirectoryStore implements FileStore {
	constructor(readonly root: string) {}

	private pathOf(key: string) {
		return path.join(this.root, checkKey(key));
	}

	localPath(key: string) {
		return this.pathOf(key);
	}

	async put(key: string, body: Body, maxBytes: number) {
		const target = this.pathOf(key);
		const partialDir = path.join(this.root, '.partial');
		await mkdir(partialDir, { recursive: true });
		const partial = path.join(partialDir, `${checkKey(key)}.${randomUUID()}`);
		const { counter, size } = limitTo(maxBytes);
		const file = createWriteStream(partial, { flags: 'wx' });
		try {
			await pipeline(Readable.from(body), counter, file);
			// Complete: only now does it appear under its key (a rename within one file system).
			await rename(partial, target);
		} catch (err) {
			// A write stream stopped while still opening its file creates it afterwards: removed
			// only once the stream has closed, the partial file cannot outlive the refusal.
			if (!file.closed) await once(file, 'close').catch(() => {});
			await rm(partial, { force: true });
			throw err;
		}
		return { size: size() };
	}

	async get(key: string) {
		const file = this.pathOf(key);
		try {
			await stat(file);
		} catch {
			return null;
		}
		return createReadStream(file);
	}

	async remove(key: string) {
		await rm(this.pathOf(key), { force: true });
	}

	async *list(): AsyncIterable<StoredFile> {
		let names: string[];
		try {
			names = await readdir(this.root);
		} catch {
			return;
		}
		for (const name of names) {
			if (!KEY.test(name)) continue;
			const info = await stat(path.join(this.root, name)).catch(() => null);
			if (info?.isFile()) yield { key: name, size: info.size, modified: info.mtime };
		}
	}

	async removeIncomplete(before: Date) {
		const dir = path.join(this.root, '.partial');
		const names = await readdir(dir).catch(() => [] as string[]);
		let removed = 0;
		for (const name of names) {
			const file = path.join(dir, name);
			const info = await stat(file).catch(() => null);
			if (!info || info.mtime >= before) continue;
			await rm(file, { force: true });
			removed++;
		}
		return removed;
	}
}

/** The directory files are kept in: FILES_DIR, or `files` under DATA_DIR. */
export function filesDir(): string {
	const config = env();
	return path.resolve(config.FILES_DIR ?? path.join(config.DATA_DIR, 'files'));
}

const stores = new Map<string, FileStore>();

/** The app's file store: the S3 bucket when one is configured, else the files directory. */
export function fileStore(): FileStore {
	const config = env();
	const s3 = s3Options(config);
	const id = s3 ? `s3:${s3.client.endpoint}/${s3.bucket}` : filesDir();
	let store = stores.get(id);
	if (!store) stores.set(id, (store = s3 ? new S3Store(s3) : new DirectoryStore(id)));
	return store;
}

/** The bucket's settings, or none when the files are kept in a directory. */
export function s3Options(config: Env): S3StoreOptions | null {
	if (!config.S3_ENDPOINT || !config.S3_BUCKET) return null;
	// The SDK's documented switch (aws/aws-sdk-js-v3#7983) for its notice that releases after
	// January 2027 need Node 22: the version installed runs on Node 20, and the notice would only
	// alarm whoever reads the log. Set it to `false` to see the notice.
	process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
	const credentials =
		config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
			? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
			: undefined;
	return {
		bucket: config.S3_BUCKET,
		client: {
			endpoint: config.S3_ENDPOINT,
			region: config.S3_REGION,
			forcePathStyle: config.S3_FORCE_PATH_STYLE,
			// Unset: the SDK's own chain (AWS_* variables, a profile, an instance role).
			credentials
		}
	};
}
