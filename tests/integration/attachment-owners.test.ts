import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema, reviewSchema } from '../../src/lib/schemas/monitoring';
import { cardFacts, loadViewer, type Actor } from '../../src/lib/server/auth/policy';
import type { SessionUser } from '../../src/lib/server/auth/session';
import {
	listAttachments,
	removeAttachment,
	setCover,
	uploadAttachment
} from '../../src/lib/server/attachments/service';
import { getBoard } from '../../src/lib/server/cards/lists';
import { mayReceive } from '../../src/lib/server/realtime/visibility';
import { addComment, deleteComment, listComments } from '../../src/lib/server/comments/service';
import { ConflictError } from '../../src/lib/server/errors';
import { DirectoryStore } from '../../src/lib/server/files/store';
import {
	listReports,
	reviewReport,
	saveReport,
	submitReport
} from '../../src/lib/server/reports/service';
import { erasePerson, exportPersonalData } from '../../src/lib/server/users/personal-data';
import { POST as upload } from '../../src/routes/(app)/boards/[id]/(board)/cards/[cardId]/attachments/+server';
import { GET as download } from '../../src/routes/(app)/files/[key]/+server';
import { makeBoard, makeCard, makeOrg, makePerson, makeStrategy } from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Files as a report's evidence and with a comment, through the card's one upload route: who may
// add them (the report's author while it is a draft or returned; the comment's author), who may
// download them (whoever may see the report: not another person's draft), a report under review
// refusing a new file with a clear message, a deleted comment taking its files, the person's
// data export and erasure, and the organisation's quota holding against uploads at once.

let t: TestDatabase;
let dataDir: string;
let board: Awaited<ReturnType<typeof makeBoard>>;
let card: { id: number };
let ngoId: number;
let lead: Actor;
let partner: Actor;
let outsider: Actor;
let admin: Actor;

const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'
);
let PNG: Buffer;

async function sessionUser(actor: Actor): Promise<SessionUser> {
	const viewer = await loadViewer(t.db, actor);
	return { ...viewer, email: 'x@example.test', name: 'x', locale: null };
}

async function answerOf(fn: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await fn();
	} catch (err) {
		const e = err as { status?: number; body?: { message: string } };
		if (typeof e.status !== 'number') throw err;
		return new Response(JSON.stringify(e.body), { status: e.status });
	}
}

async function post(actor: Actor, query: string, name: string, body: Buffer) {
	const url = new URL(`http://app.test/boards/${board.id}/cards/${card.id}/attachments${query}`);
	const request = new Request(url, {
		method: 'POST',
		body: new Uint8Array(body),
		headers: { 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' }
	});
	const event = {
		request,
		url,
		params: { id: String(board.id), cardId: String(card.id) },
		locals: { user: await sessionUser(actor) },
		platform: undefined
	};
	return answerOf(() => upload(event as unknown as Parameters<typeof upload>[0]));
}

async function get(actor: Actor, key: string) {
	const url = new URL(`http://app.test/files/${key}`);
	const event = {
		request: new Request(url),
		url,
		params: { key },
		locals: { user: await sessionUser(actor) }
	};
	return answerOf(() => (download as (e: unknown) => Promise<Response>)(event));
}

const keyOf = async (id: number) =>
	(await t.db.selectFrom('attachment').select('key').where('id', '=', id).executeTakeFirstOrThrow())
		.key;

const draft = () =>
	reportSchema.parse({
		organizationId: String(ngoId),
		periodStart: '2026-10-01',
		periodEnd: '2026-10-31',
		summary: 'Warsztaty dla młodzieży'
	});

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'attachment-owners-'));
	process.env.DATA_DIR = dataDir;
	delete process.env.FILES_DIR;
	process.env.MAX_UPLOAD_MB = '1';
	process.env.ORG_QUOTA_MB = '50';
	t = await createTestDatabase();
	(globalThis as Record<symbol, unknown>)[Symbol.for('torun.appDatabase.open')] = t.db;
	PNG = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#15803d' } })
		.png()
		.toBuffer();
	const s = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	const ngo = await makeOrg(t.db, 'ngo');
	const stranger = await makeOrg(t.db, 'ngo');
	ngoId = ngo.id;
	lead = await makePerson(t.db, 'member', [[dept.id, 'manager']]);
	partner = await makePerson(t.db, 'member', [[ngo.id, 'member']]);
	outsider = await makePerson(t.db, 'member', [[stranger.id, 'member']]);
	admin = await makePerson(t.db, 'admin', []);
	board = await makeBoard(t.db, dept.id, s.id);
	card = await makeCard(t.db, board, board.columns[0], dept.id, [ngo.id]);
});

afterAll(async () => {
	delete (globalThis as Record<symbol, unknown>)[Symbol.for('torun.appDatabase.open')];
	await t.destroy();
	await rm(dataDir, { recursive: true, force: true });
});

describe("a report's evidence", () => {
	let reportId: number;
	let key: string;

	it('is added by the author to their draft, and shown only to them while it is one', async () => {
		reportId = (await saveReport(t.db, partner, card.id, draft())).id;
		const res = await post(partner, `?report=${reportId}`, 'Lista obecności.pdf', PDF);
		expect(res.status).toBe(201);
		const { attachment } = (await res.json()) as { attachment: { id: number } };
		key = await keyOf(attachment.id);
		const mine = await listReports(t.db, partner, card.id);
		expect(mine[0]!.evidence.map((f) => [f.name, f.mime])).toEqual([
			['Lista obecności.pdf', 'application/pdf']
		]);
		// Not a file of the card itself.
		expect(await listAttachments(t.db, card.id)).toEqual([]);
		expect((await get(partner, key)).status).toBe(200);
		// A draft is its author's: its evidence too, even for the reviewer.
		expect((await get(lead, key)).status).toBe(404);
		expect((await get(outsider, key)).status).toBe(404);
		// Like the draft, the change is told to its author alone.
		const events = await t.db
			.selectFrom('event')
			.select(['type', 'entityId', 'payload'])
			.where('cardId', '=', card.id)
			.where('type', 'in', ['attachment.added', 'report.evidence_changed'])
			.execute();
		expect(events).toEqual([
			{
				type: 'report.evidence_changed',
				entityId: reportId,
				payload: { name: 'Lista obecności.pdf', change: 'added' }
			}
		]);
		const viewer = await loadViewer(t.db, lead);
		const facts = await cardFacts(t.db, card.id);
		const event = {
			type: 'report.evidence_changed',
			actorId: partner.id,
			cardId: card.id,
			payload: {}
		};
		expect(mayReceive(viewer, event, facts)).toBe(false);
		expect(mayReceive(await loadViewer(t.db, partner), event, facts)).toBe(true);
	});

	it('is refused to anyone but the author', async () => {
		expect((await post(lead, `?report=${reportId}`, 'x.pdf', PDF)).status).toBe(404);
		expect((await post(outsider, `?report=${reportId}`, 'x.pdf', PDF)).status).toBe(404);
	});

	it('is seen by the reviewer once submitted, and then can no longer change', async () => {
		await submitReport(t.db, partner, card.id, { reportId });
		const res = await get(lead, key);
		expect(res.status).toBe(200);
		expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
		expect((await get(outsider, key)).status).toBe(404);
		// Another organisation's reviewer sees it, not as theirs to change.
		expect((await post(lead, `?report=${reportId}`, 'x.pdf', PDF)).status).toBe(403);
		const late = await post(partner, `?report=${reportId}`, 'Zdjęcie.png', PNG);
		expect(late.status).toBe(409);
		expect(((await late.json()) as { message: string }).message).toMatch(/szkicem|draft/);
		const id = (await listReports(t.db, partner, card.id))[0]!.evidence[0]!.id;
		await expect(removeAttachment(t.db, store(), partner, card.id, id)).rejects.toBeInstanceOf(
			ConflictError
		);
	});

	it('may be added again once the report is returned', async () => {
		const { version } = await t.db
			.selectFrom('activityReport')
			.select('version')
			.where('id', '=', reportId)
			.executeTakeFirstOrThrow();
		await reviewReport(
			t.db,
			lead,
			card.id,
			reviewSchema.parse({
				reportId: String(reportId),
				version: String(version),
				decision: 'return',
				reason: 'Brakuje zdjęć'
			})
		);
		expect((await post(partner, `?report=${reportId}`, 'Zdjęcie.png', PNG)).status).toBe(201);
		const evidence = (await listReports(t.db, lead, card.id))[0]!.evidence;
		expect(evidence.map((f) => f.name)).toEqual(['Lista obecności.pdf', 'Zdjęcie.png']);
		expect(evidence[1]!.thumbnailUrl).toMatch(/\/thumbnail$/);
	});

	it('refuses an owner that is not a number, or two owners at once', async () => {
		expect((await post(partner, '?report=abc', 'x.pdf', PDF)).status).toBe(400);
		expect((await post(partner, `?report=${reportId}&comment=1`, 'x.pdf', PDF)).status).toBe(400);
		expect((await post(partner, '?report=999999', 'x.pdf', PDF)).status).toBe(404);
	});
});

const store = () => new DirectoryStore(path.join(dataDir, 'files'));

describe("a comment's files", () => {
	let commentId: number;
	let key: string;

	it('are sent with the comment by its author and shown under it', async () => {
		commentId = (await addComment(t.db, partner, card.id, { body: 'Zdjęcie z zajęć' })).id;
		const res = await post(partner, `?comment=${commentId}`, 'zajęcia.png', PNG);
		expect(res.status).toBe(201);
		const comments = await listComments(t.db, card.id);
		const files = comments.find((c) => c.id === commentId)!.files;
		expect(files).toHaveLength(1);
		expect(files[0]).toMatchObject({ name: 'zajęcia.png', width: 40, height: 30 });
		expect(files[0]!.uploaderName).toBeTruthy();
		key = files[0]!.url.replace('/files/', '');
		expect((await get(lead, key)).status).toBe(200);
		expect((await get(outsider, key)).status).toBe(404);
		expect(await listAttachments(t.db, card.id)).toEqual([]);
	});

	it("cannot be added to another person's comment", async () => {
		expect((await post(lead, `?comment=${commentId}`, 'x.pdf', PDF)).status).toBe(403);
	});

	it('go with the deleted comment', async () => {
		await deleteComment(t.db, partner, card.id, commentId);
		const rows = await t.db
			.selectFrom('attachment')
			.select('id')
			.where('commentId', '=', commentId)
			.execute();
		expect(rows).toEqual([]);
		expect((await get(partner, key)).status).toBe(404);
		expect((await post(partner, `?comment=${commentId}`, 'x.pdf', PDF)).status).toBe(404);
	});
});

describe("a card's cover on its tile", () => {
	it("shows the cover's thumbnail on the board, and only a card's own image may be one", async () => {
		const res = await post(lead, '', 'okładka.png', PNG);
		const { attachment } = (await res.json()) as { attachment: { id: number } };
		await setCover(t.db, lead, card.id, attachment.id);
		const { tiles } = await getBoard(t.db, lead, board.id);
		const key = await keyOf(attachment.id);
		expect(tiles.find((x) => x.id === card.id)!.cover).toBe(`/files/${key}/thumbnail`);
		// A comment's image is not the card's to show.
		const commentId = (await addComment(t.db, lead, card.id, { body: 'Zdjęcie' })).id;
		const sent = await post(lead, `?comment=${commentId}`, 'w-komentarzu.png', PNG);
		const other = ((await sent.json()) as { attachment: { id: number } }).attachment.id;
		await expect(setCover(t.db, lead, card.id, other)).rejects.toThrow();
		await setCover(t.db, lead, card.id, null);
		expect(
			(await getBoard(t.db, lead, board.id)).tiles.find((x) => x.id === card.id)!.cover
		).toBeNull();
	});
});

describe("a person's data", () => {
	it('lists the files they uploaded; erasure keeps them under a pseudonym', async () => {
		const data = await exportPersonalData(t.db, admin, partner.id);
		expect(data.attachments.map((a) => a.name)).toEqual(
			expect.arrayContaining(['Lista obecności.pdf', 'Zdjęcie.png'])
		);
		expect(data.attachments.find((a) => a.name === 'Zdjęcie.png')).toMatchObject({
			cardId: card.id,
			mime: 'image/png'
		});
		const before = (await listReports(t.db, lead, card.id))[0]!.evidence;
		await erasePerson(t.db, admin, partner.id);
		const after = (await listReports(t.db, lead, card.id))[0]!.evidence;
		expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
		for (const file of after) {
			expect(file.uploaderName).not.toEqual(before[0]!.uploaderName);
			expect(file.uploaderName).toMatch(/#|\d/);
		}
	});
});

describe("the organisation's quota", () => {
	it('lets only as many uploads at once as fit, however they interleave', async () => {
		const org = await makeOrg(t.db, 'ngo');
		const person = await makePerson(t.db, 'member', [[org.id, 'manager']]);
		const own = await makeCard(t.db, board, board.columns[0], org.id);
		const file = Buffer.alloc(100_000, 'a');
		const before: string[] = [];
		for await (const f of store().list()) before.push(f.key);
		const body = () =>
			(async function* () {
				// Every upload has begun (and passed the first look at the quota) before any ends.
				await new Promise((r) => setTimeout(r, 50));
				yield new Uint8Array(file);
			})();
		// Room for two files of the five sent at once.
		const limits = { maxBytes: 1_000_000, quotaBytes: 250_000 };
		const results = await Promise.allSettled(
			[1, 2, 3, 4, 5].map((i) =>
				uploadAttachment(t.db, store(), person, own.id, { name: `plik${i}.txt` }, body(), limits)
			)
		);
		const taken = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r) => r.status === 'rejected');
		expect(taken).toHaveLength(2);
		for (const r of refused)
			expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
		const used = await t.db
			.selectFrom('attachment')
			.select((eb) => eb.fn.sum<number>('size').as('used'))
			.where('organizationId', '=', org.id)
			.executeTakeFirstOrThrow();
		expect(Number(used.used)).toBe(200_000);
		// The refused files left nothing in the store: only the two taken are new in it.
		const rows = await t.db
			.selectFrom('attachment')
			.select('key')
			.where('organizationId', '=', org.id)
			.execute();
		const after: string[] = [];
		for await (const f of store().list()) if (!before.includes(f.key)) after.push(f.key);
		expect(after.sort()).toEqual(rows.map((r) => r.key).sort());
	});
});
