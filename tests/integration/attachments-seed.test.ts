import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDatabase } from '../../db/seed';
import { DirectoryStore } from '../../src/lib/server/files/store';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// The demo's files: a PDF and two images made at seed time, stored with thumbnails, the poster
// its card's cover; a seed without a file store adds none.

let t: TestDatabase;
let dir: string;

beforeAll(async () => {
	t = await createTestDatabase();
	dir = await mkdtemp(path.join(tmpdir(), 'seed-files-'));
	await seedDatabase(t.db, { demo: true, files: new DirectoryStore(dir) });
});
afterAll(async () => {
	await t.destroy();
	await rm(dir, { recursive: true, force: true });
});

it('puts a PDF and images on the demo cards, a report and a comment, each a real file of its type', async () => {
	const rows = await t.db
		.selectFrom('attachment')
		.innerJoin('card', 'card.id', 'attachment.cardId')
		.select([
			'attachment.id',
			'attachment.key',
			'attachment.mime',
			'attachment.hasThumbnail',
			'card.coverAttachmentId'
		])
		.orderBy('attachment.id')
		.execute();
	expect(rows.map((r) => r.mime)).toEqual([
		'application/pdf',
		'image/png',
		'image/jpeg',
		'application/pdf',
		'image/png'
	]);
	const store = new DirectoryStore(dir);
	for (const row of rows) {
		const chunks: Buffer[] = [];
		for await (const chunk of (await store.get(row.key))!) chunks.push(chunk as Buffer);
		expect((await fileTypeFromBuffer(Buffer.concat(chunks)))?.mime).toBe(row.mime);
	}
	expect(rows.filter((r) => r.hasThumbnail)).toHaveLength(3);
	const poster = rows[1]!;
	expect(poster.coverAttachmentId).toBe(poster.id);
	const files = await readdir(dir);
	expect(files).toContain(`${poster.key}.thumb.webp`);
	const thumb = await sharp(path.join(dir, `${poster.key}.thumb.webp`)).metadata();
	expect(thumb.width).toBeLessThanOrEqual(480);
});

it('gives a submitted report a PDF as its evidence, and a comment an image', async () => {
	const evidence = await t.db
		.selectFrom('attachment')
		.innerJoin('activityReport', 'activityReport.id', 'attachment.reportId')
		.select(['attachment.mime', 'activityReport.status'])
		.execute();
	expect(evidence).toEqual([{ mime: 'application/pdf', status: 'submitted' }]);
	const withComment = await t.db
		.selectFrom('attachment')
		.innerJoin('comment', 'comment.id', 'attachment.commentId')
		.select(['attachment.mime', 'attachment.hasThumbnail'])
		.execute();
	expect(withComment).toEqual([{ mime: 'image/png', hasThumbnail: true }]);
});
