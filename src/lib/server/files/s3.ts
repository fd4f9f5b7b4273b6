import {
	AbortMultipartUploadCommand,
	DeleteObjectCommand,
	GetObjectCommand,
	ListMultipartUploadsCommand,
	ListObjectsV2Command,
	S3Client,
	type S3ClientConfig
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, KEY, limitTo, type Body, type FileStore, type StoredFile } from './store';

// Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage…), for several app instances
// sharing one store. A file is streamed up in parts (lib-storage's Upload: at most `queueSize`
// parts of `partSize` in memory, never the whole file), counted as it goes: past the limit the
// upload is aborted and whatever was stored under the key removed. S3 itself never shows an
// object before it is complete, so a reader sees the whole file or none.

const PART = 5 * 1024 * 1024;

export interface S3StoreOptions {
	bucket: string;
	/** A key prefix in the bucket (for a bucket shared with other things), e.g. `files/`. */
	prefix?: string;
	client: S3ClientConfig;
}

const isMissing = (err: unknown) => {
	const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
	return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

export class S3Store implements FileStore {
	readonly client: S3Client;
	readonly bucket: string;
	private readonly prefix: string;

	constructor(options: S3StoreOptions) {
		this.client = new S3Client(options.client);
		this.bucket = options.bucket;
		this.prefix = options.prefix ?? '';
	}

	private keyOf(key: string) {
		return this.prefix + checkKey(key);
	}

	async put(key: string, body: Body, maxBytes: number) {
		const { counter, size } = limitTo(maxBytes);
		const upload = new Upload({
			client: this.client,
			params: { Bucket: this.bucket, Key: this.keyOf(key), Body: counter },
			partSize: PART,
			queueSize: 2,
			leavePartsOnError: false
		});
		const [fed, sent] = await Promise.allSettled([
			pipeline(Readable.from(body), counter),
			// A failed upload stops reading: the body's pipeline is ended with its error.
			upload.done().catch((err: unknown) => {
				counter.destroy(err as Error);
				throw err;
			})
		]);
		if (fed.status === 'rejected' || sent.status === 'rejected') {
			await upload.abort().catch(() => {});
			// A single-part file is stored only when complete, a multipart one only on completion;
			// this is for an upload that completed just as the body failed.
			await this.remove(key).catch(() => {});
			// The body's own error (too large, broken) rather than what the upload made of it.
			throw fed.status === 'rejected' ? fed.reason : (sent as PromiseRejectedResult).reason;
		}
		return { size: size() };
	}

	async get(key: string) {
		try {
			const object = await this.client.send(
				new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) })
			);
			return (object.Body as Readable | undefined) ?? null;
		} catch (err) {
			if (isMissing(err)) return null;
			throw err;
		}
	}

	async remove(key: string) {
		await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
	}

	async *list(): AsyncIterable<StoredFile> {
		let token: string | undefined;
		do {
			const page = await this.client.send(
				new ListObjectsV2Command({
					Bucket: this.bucket,
					Prefix: this.prefix || undefined,
					ContinuationToken: token
				})
			);
			for (const object of page.Contents ?? []) {
				const key = object.Key?.slice(this.prefix.length) ?? '';
				if (!KEY.test(key)) continue;
				yield { key, size: object.Size ?? 0, modified: object.LastModified ?? new Date(0) };
			}
			token = page.IsTruncated ? page.NextContinuationToken : undefined;
		} while (token);
	}

	/**
	 * Aborts multipart uploads begun before `before` that never completed (a process stopped
	 * mid-way). A server that cannot list them (some S3 look-alikes) has nothing to abort here:
	 * a bucket lifecycle rule (AbortIncompleteMultipartUpload) does it there.
	 */
	async removeIncomplete(before: Date) {
		let uploads;
		try {
			uploads = await this.client.send(
				new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.prefix || undefined })
			);
		} catch {
			return 0;
		}
		let removed = 0;
		for (const u of uploads.Uploads ?? []) {
			if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= before) continue;
			await this.client.send(
				new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId })
			);
			removed++;
		}
		return removed;
	}
}
