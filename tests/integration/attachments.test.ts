import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/policy';
import { loadViewer } from '../../src/lib/server/auth/policy';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	listAttachments,
	removeAttachment,
	setCover,
	uploadAttachment
} from '../../src/lib/server/attachments/service';
import { sweepOrphanFiles } from '../../src/lib/server/attachments/sweep';
import { DirectoryStore } from '../../src/lib/server/files/store';
import { historyLine } from '../../src/lib/events/describe';
import { POST as upload } from '../../src/routes/(app)/boards/[id]/(board)/cards/[cardId]/attachments/+server';
import { GET as download } from '../../src/routes/(app)/files/[key]/+server';
import { GET as thumbnail } from '../../src/routes/(app)/files/[key]/thumbnail/+server';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Files on cards, through the real routes with real files on disk in a temporary DATA_DIR: the
// upload streams to the store, the download checks who may see the card, and every bad input
// (too large, a disguised type, a hostile name, a hidden card, a full quota) is refused or made
// safe with nothing left behind.

let t: TestDatabase;
let dataDir: string;
let filesDir: string;
let board: Awaited<ReturnType<typeof makeBoard>>;
let card: { id: number };
let otherCard: { id: number };
let lead: Actor;
let partner: Actor;
let outsider: Actor;
let quotaOrg: number;
let quotaPerson: Actor;
let quotaCard: { id: number };

const MB = 1024 * 1024;
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'
);
/** The first bytes of a Linux executable (ELF, 64-bit), padded. */
const ELF = Buffer.concat([
	Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
	Buffer.alloc(120, 0)
]);
/** A Windows executable: `MZ`, its header pointing at `PE\0\0`. */
const PE = (() => {
	const b = Buffer.alloc(256, 0);
	b.write('MZ', 0, 'latin1');
	b.writeUInt32LE(0x80, 0x3c);
	b.write('PE\0\0', 0x80, 'latin1');
	return b;
})();
let PNG: Buffer;

async function sessionUser(actor: Actor): Promise<SessionUser> {
	const viewer = await loadViewer(t.db, actor);
	return { ...viewer, email: 'x@example.test', name: 'x', locale: null };
}

async function post(actor: Actor | null, cardId: number, name: string, body: Buffer) {
	const url = new URL(`http://app.test/boards/${board.id}/cards/${cardId}/attachments`);
	const request = new Request(url, {
		method: 'POST',
		body: new Uint8Array(body),
		headers: { 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' }
	});
	const event = {
		request,
		url,
		params: { id: String(board.id), cardId: String(cardId) },
		locals: { user: actor ? await sessionUser(actor) : null },
		platform: undefined
	};
	return answerOf(() => upload(event as unknown as Parameters<typeof upload>[0]));
}

async function get(actor: Actor, key: string, query = '', part: 'file' | 'thumbnail' = 'file') {
	const url = new URL(`http://app.test/files/${key}${query}`);
	const event = {
		request: new Request(url),
		url,
		params: { key },
		locals: { user: await sessionUser(actor) }
	};
	// Each route is called with the event as SvelteKit builds it; the fields read are the same.
	const route = (part === 'file' ? download : thumbnail) as (e: unknown) => Promise<Response>;
	return answerOf(() => route(event));
}

/** A route's Response, or the HTTP error it threw (SvelteKit's `error()`) as one. */
async function answerOf(fn: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (err) {
		const e = err as { status?: number; body?: { message: string } };
		if (typeof e.status !== 'number') throw err;
		return new Response(JSON.stringify(e.body), { status: e.status });
	}
}

const rowsOf = (cardId: number) =>
	t.db.selectFrom('attachment').selectAll().where('cardId', '=', cardId).execute();
/** The files in the store, partial ones included. */
async function filesOnDisk(): Promise<string[]> {
	const top = await readdir(filesDir).catch(() => [] as string[]);
	const partial = await readdir(path.join(filesDir, '.partial')).catch(() => [] as string[]);
	return [...top.filter((n) => n !== '.partial'), ...partial.map((n) => `.partial/${n}`)].sort();
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'attachments-'));
	filesDir = path.join(dataDir, 'files');
	// Read once, by the first route that asks (env() keeps it): small limits to test them.
	process.env.DATA_DIR = dataDir;
	delete process.env.FILES_DIR;
	process.env.MAX_UPLOAD_MB = '1';
	process.env.ORG_QUOTA_MB = '3';
	t = await createTestDatabase();
	(globalThis as Record<symbol, unknown>)[Symbol.for('torun.appDatabase.open')] = t.db;
	PNG = await sharp({
		create: { width: 64, height: 48, channels: 3, background: '#1d4ed8' }
	})
		.png()
		.toBuffer();
	const s = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	const ngo = await makeOrg(t.db, 'ngo');
	const stranger = await makeOrg(t.db, 'ngo');
	lead = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	partner = await makePerson(t.db, 'member', [[ngo.id, 'member']]);
	outsider = await makePerson(t.db, 'member', [[stranger.id, 'member']]);
	board = await makeBoard(t.db, dept.id, s.id);
	card = await makeCard(t.db, board, board.columns[0], dept.id, [ngo.id]);
	otherCard = await makeCard(t.db, board, board.columns[0], dept.id);
	const small = await makeOrg(t.db, 'ngo');
	quotaOrg = small.id;
	quotaPerson = await makePerson(t.db, 'member', [[small.id, 'manager']]);
	quotaCard = await makeCard(t.db, board, board.columns[0], small.id);
});

afterAll(async () => {
	delete (globalThis as Record<symbol, unknown>)[Symbol.for('torun.appDatabase.open')];
	await t.destroy();
	await rm(dataDir, { recursive: true, force: true });
});

describe('attaching a file to a card', () => {
	let pdfKey: string;
	let pngKey: string;

	it('uploads a PDF and a PNG, and lists them with who and how big', async () => {
		const pdf = await post(lead, card.id, 'Sprawozdanie 2026.pdf', PDF);
		expect(pdf.status).toBe(201);
		const png = await post(partner, card.id, 'zdjęcie.png', PNG);
		expect(png.status).toBe(201);
		const list = await listAttachments(t.db, card.id);
		expect(list.map((a) => [a.name, a.mime, a.size])).toEqual([
			['zdjęcie.png', 'image/png', PNG.length],
			['Sprawozdanie 2026.pdf', 'application/pdf', PDF.length]
		]);
		expect(list[0]).toMatchObject({ width: 64, height: 48, hasThumbnail: true });
		expect(list[1]!.thumbnailUrl).toBeNull();
		const rows = await rowsOf(card.id);
		pdfKey = rows.find((r) => r.mime === 'application/pdf')!.key;
		pngKey = rows.find((r) => r.mime === 'image/png')!.key;
		// Stored under the random key, never under the name given.
		expect(await filesOnDisk()).toEqual([pdfKey, pngKey, `${pngKey}.thumb.webp`].sort());
		const events = await t.db
			.selectFrom('event')
			.select(['type', 'payload'])
			.where('cardId', '=', card.id)
			.execute();
		expect(events.map((e) => e.type)).toEqual(['attachment.added', 'attachment.added']);
		// The card's history names the file.
		expect(events.map((e) => historyLine(e))).toEqual(
			expect.arrayContaining([expect.stringContaining('„zdjęcie.png”')])
		);
	});

	it('downloads the file as it was sent, as an attachment, nosniff', async () => {
		const res = await get(partner, pdfKey);
		expect(res.status).toBe(200);
		expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe(
			`attachment; filename="Sprawozdanie 2026.pdf"; filename*=UTF-8''Sprawozdanie%202026.pdf`
		);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('shows an image or a PDF in place only when asked, under a sandboxing policy', async () => {
		const png = await get(lead, pngKey, '?inline');
		expect(png.headers.get('content-disposition')).toMatch(
			/^inline; filename="zdjecie.png"; filename\*=UTF-8''zdj%C4%99cie.png$/
		);
		expect(png.headers.get('content-security-policy')).toMatch(/^sandbox;/);
		expect(png.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);
		const pdf = await get(lead, pdfKey, '?inline');
		expect(pdf.headers.get('content-disposition')).toMatch(/^inline;/);
		expect(pdf.headers.get('content-security-policy')).toMatch(/^sandbox;/);
		const thumb = await get(lead, pngKey, '', 'thumbnail');
		expect(thumb.status).toBe(200);
		expect(thumb.headers.get('content-type')).toBe('image/webp');
		const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
		expect(meta.format).toBe('webp');
	});

	it('answers 404 to someone who may not see the card, for download and upload alike', async () => {
		expect((await get(outsider, pdfKey)).status).toBe(404);
		expect((await get(outsider, pngKey, '', 'thumbnail')).status).toBe(404);
		const before = await filesOnDisk();
		const res = await post(outsider, card.id, 'x.pdf', PDF);
		expect(res.status).toBe(404);
		expect(await rowsOf(card.id)).toHaveLength(2);
		expect(await filesOnDisk()).toEqual(before);
		// A partner of one card does not see the board's other cards, nor their files.
		expect((await post(partner, otherCard.id, 'x.pdf', PDF)).status).toBe(404);
		expect((await get(partner, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
		expect((await get(partner, '../../etc/passwd')).status).toBe(404);
	});

	it('refuses a file over MAX_UPLOAD_MB with 413 and the limit, storing nothing', async () => {
		const before = await filesOnDisk();
		const res = await post(lead, card.id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(MB)]));
		expect(res.status).toBe(413);
		expect(((await res.json()) as { message: string }).message).toMatch(/\b1 MB\b/);
		expect(await rowsOf(card.id)).toHaveLength(2);
		expect(await filesOnDisk()).toEqual(before);
	});

	it('counts the limit while streaming when no length is declared, leaving no partial file', async () => {
		const before = await filesOnDisk();
		async function* chunks() {
			yield PDF;
			for (let i = 0; i < 20; i++) yield Buffer.alloc(64 * 1024, 1);
		}
		const err = await uploadAttachment(
			t.db,
			new DirectoryStore(filesDir),
			lead,
			card.id,
			{ name: 'stream.pdf' },
			chunks(),
			{ maxBytes: MB, quotaBytes: 0 }
		).catch((e: unknown) => e);
		expect(err).toMatchObject({ status: 413, key: 'attachment_too_large' });
		expect(await filesOnDisk()).toEqual(before);
	});

	it('leaves nothing behind when the upload breaks off', async () => {
		const before = await filesOnDisk();
		async function* broken() {
			yield PDF;
			throw new Error('connection reset');
		}
		await expect(
			uploadAttachment(
				t.db,
				new DirectoryStore(filesDir),
				lead,
				card.id,
				{ name: 'a.pdf' },
				broken()
			)
		).rejects.toThrow('connection reset');
		expect(await rowsOf(card.id)).toHaveLength(2);
		expect(await filesOnDisk()).toEqual(before);
	});

	it('refuses an executable named .pdf, whatever its name says', async () => {
		const before = await filesOnDisk();
		for (const [name, body] of [
			['raport.pdf', ELF],
			['faktura.pdf', PE],
			[
				'obraz.png',
				Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\u0000')
			]
		] as const) {
			const res = await post(lead, card.id, name, body);
			expect(res.status, name).toBe(415);
			expect(((await res.json()) as { message: string }).message).toMatch(/PDF/);
		}
		expect(await rowsOf(card.id)).toHaveLength(2);
		expect(await filesOnDisk()).toEqual(before);
	});

	it('keeps CSV and plain text, found to be text', async () => {
		const res = await post(lead, card.id, 'uczestnicy.csv', Buffer.from('imię;liczba\nAnna;3\n'));
		expect(res.status).toBe(201);
		const row = (await rowsOf(card.id)).find((r) => r.name === 'uczestnicy.csv')!;
		expect(row.mime).toBe('text/csv');
		const file = await get(partner, row.key, '?inline');
		// Text is never shown in place: a download.
		expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
	});

	it('makes a hostile name safe: no path, no control characters', async () => {
		const res = await post(lead, card.id, '../../etc/passwd\u0000.pdf', PDF);
		expect(res.status).toBe(201);
		const row = (await rowsOf(card.id)).find((r) => r.name.startsWith('passwd'))!;
		expect(row.name).toBe('passwd.pdf');
		expect(await filesOnDisk()).toContain(row.key);
		const nasty = await post(lead, card.id, 'a\u202egnp.exe\r\n.pdf', PDF);
		expect(nasty.status).toBe(201);
		const names = (await rowsOf(card.id)).map((r) => r.name);
		expect(names).toContain('a_gnp.exe.pdf');
		// eslint-disable-next-line no-control-regex -- control characters are what it looks for
		for (const name of names) expect(name).not.toMatch(/[\u0000-\u001f/\\]/);
	});

	it('lets an editor choose an image as the cover, not a PDF', async () => {
		const rows = await rowsOf(card.id);
		const png = rows.find((r) => r.mime === 'image/png')!;
		const pdf = rows.find((r) => r.mime === 'application/pdf')!;
		await expect(setCover(t.db, lead, card.id, pdf.id)).rejects.toMatchObject({ status: 400 });
		await expect(setCover(t.db, partner, card.id, png.id)).rejects.toMatchObject({ status: 403 });
		await setCover(t.db, lead, card.id, png.id);
		const cover = await t.db
			.selectFrom('card')
			.select('coverAttachmentId')
			.where('id', '=', card.id)
			.executeTakeFirstOrThrow();
		expect(cover.coverAttachmentId).toBe(png.id);
	});

	it('removes a file with its thumbnail, the cover going with it', async () => {
		const png = (await rowsOf(card.id)).find((r) => r.mime === 'image/png')!;
		await expect(
			removeAttachment(t.db, new DirectoryStore(filesDir), outsider, card.id, png.id)
		).rejects.toMatchObject({ status: 404 });
		await removeAttachment(t.db, new DirectoryStore(filesDir), partner, card.id, png.id);
		const files = await filesOnDisk();
		expect(files).not.toContain(png.key);
		expect(files).not.toContain(`${png.key}.thumb.webp`);
		const cover = await t.db
			.selectFrom('card')
			.select('coverAttachmentId')
			.where('id', '=', card.id)
			.executeTakeFirstOrThrow();
		expect(cover.coverAttachmentId).toBeNull();
		expect((await get(lead, png.key)).status).toBe(404);
	});
});

describe('the organisation quota', () => {
	it('refuses a file that does not fit in what is left, clearly, storing nothing', async () => {
		// ORG_QUOTA_MB=3: three files of 0.9 MB fit, a fourth does not.
		const file = Buffer.concat([PDF, Buffer.alloc(Math.floor(0.9 * MB))]);
		for (let i = 0; i < 3; i++)
			expect((await post(quotaPerson, quotaCard.id, `plik${i}.pdf`, file)).status).toBe(201);
		const before = await filesOnDisk();
		const res = await post(quotaPerson, quotaCard.id, 'jeszcze.pdf', file);
		expect(res.status).toBe(409);
		expect(((await res.json()) as { message: string }).message).toMatch(/3 MB/);
		expect(await rowsOf(quotaCard.id)).toHaveLength(3);
		expect(await filesOnDisk()).toEqual(before);
		const used = await t.db
			.selectFrom('attachment')
			.select('organizationId')
			.where('cardId', '=', quotaCard.id)
			.execute();
		expect(used.every((r) => r.organizationId === quotaOrg)).toBe(true);
	});
});

describe('the orphan sweep', () => {
	it('removes files no row knows and partial files, once they are old enough', async () => {
		const store = new DirectoryStore(filesDir);
		const kept = await filesOnDisk();
		await store.put('0b7a7c4e-0000-4000-8000-000000000001', [Buffer.from('orphan')], 100);
		const { writeFile } = await import('node:fs/promises');
		await writeFile(path.join(filesDir, '.partial', 'abc.part'), 'half');
		// Young files are left alone: an upload may be on its way.
		expect(await sweepOrphanFiles(t.db, store, { olderThanMs: 60_000 })).toBe(0);
		const removed = await sweepOrphanFiles(t.db, store, { olderThanMs: 0 });
		expect(removed).toBeGreaterThanOrEqual(2);
		expect(await filesOnDisk()).toEqual(kept);
	});
});
