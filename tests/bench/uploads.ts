// npm run bench:uploads [-- --embedded] [-- --moves=<n>]: what large uploads cost everyone else.
// Starts the production server (node server.js; build it first) on 127.0.0.1 on a fresh database
// (as bench:http: BENCH_DATABASE_URL, by default the server on 127.0.0.1:5432 if one answers, else
// PGlite) with its files in a temporary directory, signs a member of the board's department in
// (a session straight in the database), and times moving a card, one move after another: first
// alone, then while ten 10 MB uploads at a time go to another card (seven PDFs and three real
// PNG photos of noise, which the server checks by content and makes thumbnails of), round after
// round, each round's files removed again. Meanwhile it samples the server's resident memory
// (VmRSS in /proc/<pid>/status) every 20 ms. It prints the moves' p95 without and with the
// uploads, their ratio, and the memory before and at its peak; targets: ratio ≤ 2, memory growth
// ≤ 100 MB. Bounded: at most --moves moves (default 200) in each phase and 6 rounds of uploads.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFileSync, rm } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { seedDatabase } from '../../db/seed';
import { sessionCookieName } from '../../src/lib/server/auth/cookie';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { openAppDatabase } from './lib/app-database';
import { startAppServer } from './lib/app-server';
import { buildBigBoard } from './lib/big-board';
import { ms, percentile, printTable, saveRows, seededRandom, type Row } from './lib/stats';

const MB = 1024 * 1024;
const FILE_BYTES = 10 * MB;
const AT_ONCE = 10;
const MAX_ROUNDS = 6;
const TARGET = { ratio: 2, rssDeltaMb: 100 };

interface World {
	boardId: number;
	columns: [number, number];
	moveCard: number;
	uploadCard: number;
	cookie: string;
}

async function prepare(db: Db): Promise<World> {
	await migrateToLatest(db);
	await seedDatabase(db, { demo: true });
	const board = await buildBigBoard(db, 40, seededRandom(2031));
	const { ownerOrganizationId } = await db
		.selectFrom('board')
		.select('ownerOrganizationId')
		.where('id', '=', board.id)
		.executeTakeFirstOrThrow();
	const led = await db
		.selectFrom('cardOrganization')
		.innerJoin('card', 'card.id', 'cardOrganization.cardId')
		.select('card.id')
		.where('card.boardId', '=', board.id)
		.where('cardOrganization.organizationId', '=', ownerOrganizationId)
		.where('cardOrganization.role', '=', 'lead')
		.where('card.archivedAt', 'is', null)
		.orderBy('card.id')
		.limit(2)
		.execute();
	if (led.length < 2) throw new Error('the board has no two cards led by its department');
	const token = generateSessionToken();
	await createSession(db, token, board.member.id);
	const [todo, doing] = board.columns.map((c) => c.id);
	return {
		boardId: board.id,
		columns: [todo!, doing!],
		moveCard: led[0]!.id,
		uploadCard: led[1]!.id,
		cookie: `${sessionCookieName(false)}=${token}`
	};
}

/** 10 MB that pass the content check: a PDF (header, filler, trailer) or a PNG of noise. */
async function bodies(): Promise<{ name: string; bytes: Buffer }[]> {
	const pdf = Buffer.concat([
		Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n% '),
		Buffer.alloc(FILE_BYTES - 120, 0x20),
		Buffer.from('\ntrailer <</Root 1 0 R>>\n%%EOF\n')
	]);
	// Noise does not compress: 1830 × 1830 RGB is a little over 10 MB as PNG.
	const side = 1830;
	const png = await sharp(randomBytes(side * side * 3), {
		raw: { width: side, height: side, channels: 3 }
	})
		.png({ compressionLevel: 1 })
		.toBuffer();
	return Array.from({ length: AT_ONCE }, (_, i) =>
		i < 7 ? { name: `sprawozdanie-${i}.pdf`, bytes: pdf } : { name: `zdjecie-${i}.png`, bytes: png }
	);
}

/** The server's resident memory, in bytes, sampled until stopped: the figures seen. */
function rssSampler(pid: number) {
	const read = () => {
		try {
			const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			return kb ? Number(kb[1]) * 1024 : NaN;
		} catch {
			return NaN;
		}
	};
	const seen: number[] = [];
	const timer = setInterval(() => seen.push(read()), 20);
	return {
		now: read,
		stop: () => {
			clearInterval(timer);
			return seen.filter(Number.isFinite);
		}
	};
}

async function main() {
	const args = process.argv.slice(2);
	const moves = Number(args.find((a) => a.startsWith('--moves='))?.slice(8) ?? 200);
	if (!Number.isInteger(moves) || moves < 20 || moves > 2000) throw new Error('--moves: 20–2000');
	const appDir = path.resolve(process.env.BENCH_APP_DIR || process.cwd());
	const database = await openAppDatabase(args.includes('--embedded'));
	const filesDir = await promisify(mkdtemp)(path.join(os.tmpdir(), 'bench-files-'));
	const cleanups: (() => Promise<void>)[] = [
		database.destroy,
		() => promisify(rm)(filesDir, { recursive: true, force: true })
	];
	const cleanUp = async () => {
		for (const fn of [...cleanups].reverse()) await fn().catch(() => {});
	};
	process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
	try {
		console.log(`database: ${database.description}`);
		console.log(`node ${process.version}, ${os.availableParallelism()} cores`);
		const world = await prepare(database.handle.db);
		await database.close();
		const files = await bodies();
		const server = await startAppServer({
			appDir,
			env: { ...database.env, FILES_DIR: filesDir, MAX_UPLOAD_MB: '25', ORG_QUOTA_MB: '0' }
		});
		cleanups.push(server.stop);
		const { origin } = server;
		const headers = { cookie: world.cookie, origin: server.publicOrigin };

		let version = 1;
		let there = false;
		/** One move of the card to the other column; its time in ms. */
		const move = async () => {
			const start = performance.now();
			const res = await fetch(`${origin}/boards/${world.boardId}?/move`, {
				method: 'POST',
				headers: {
					...headers,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({
					cardId: String(world.moveCard),
					columnId: String(world.columns[there ? 0 : 1]),
					afterId: '',
					version: String(version),
					confirmWip: 'true'
				})
			});
			const text = await res.text();
			if (!text.startsWith('{"type":"success"')) throw new Error(`a move failed: ${text}`);
			version++;
			there = !there;
			return performance.now() - start;
		};
		const upload = async (file: { name: string; bytes: Buffer }) => {
			const res = await fetch(
				`${origin}/boards/${world.boardId}/cards/${world.uploadCard}/attachments`,
				{
					method: 'POST',
					headers: {
						...headers,
						'content-type': 'application/octet-stream',
						'x-file-name': encodeURIComponent(file.name)
					},
					body: new Uint8Array(file.bytes)
				}
			);
			const answer = (await res.json()) as { attachment?: { id: number }; message?: string };
			if (res.status !== 201)
				throw new Error(`an upload failed (${res.status}): ${answer.message}`);
			return answer.attachment!.id;
		};
		const remove = async (attachmentId: number) => {
			const res = await fetch(
				`${origin}/boards/${world.boardId}/cards/${world.uploadCard}?/removeAttachment`,
				{
					method: 'POST',
					headers: {
						...headers,
						accept: 'application/json',
						'x-sveltekit-action': 'true',
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams({ attachmentId: String(attachmentId) })
				}
			);
			await res.text();
		};

		// Warm-up: the first requests compile code and fill caches; one upload round too.
		for (let i = 0; i < 20; i++) await move();
		for (const id of await Promise.all(files.slice(0, 2).map(upload))) await remove(id);

		const alone: number[] = [];
		const quiet = rssSampler(server.pid);
		for (let i = 0; i < moves; i++) alone.push(await move());
		const rssQuiet = quiet.stop();
		const rssBefore = Math.max(quiet.now(), percentile(rssQuiet, 50));

		const during: number[] = [];
		const busy = rssSampler(server.pid);
		let uploading = true;
		let rounds = 0;
		let uploaded = 0;
		const started = performance.now();
		const cpu = { server: server.cpuSeconds(), client: process.cpuUsage() };
		const uploads = (async () => {
			try {
				while (rounds < MAX_ROUNDS && during.length < moves) {
					const ids = await Promise.all(files.map(upload));
					uploaded += ids.length;
					rounds++;
					for (const id of ids) await remove(id);
				}
			} finally {
				uploading = false;
			}
		})();
		while (uploading && during.length < moves) during.push(await move());
		await uploads;
		const seconds = (performance.now() - started) / 1000;
		const serverCpu = server.cpuSeconds() - cpu.server;
		const clientUsage = process.cpuUsage(cpu.client);
		const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
		const rssBusy = busy.stop();
		const rssPeak = Math.max(...rssBusy);

		const p95Alone = percentile(alone, 95);
		const p95During = percentile(during, 95);
		const ratio = p95During / p95Alone;
		const delta = (rssPeak - rssBefore) / MB;
		const mb = (b: number) => `${(b / MB).toFixed(0)} MB`;
		console.log(
			`${alone.length} moves alone; ${during.length} moves during ${rounds} rounds of ${AT_ONCE} ` +
				`uploads of 10 MB at once (${uploaded} files, ${((uploaded * FILE_BYTES) / MB / seconds).toFixed(0)} MB/s over ${seconds.toFixed(1)} s); CPU seconds meanwhile: server ${serverCpu.toFixed(1)}, ` +
				`this client ${clientCpu.toFixed(1)}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`
		);
		const rows: Row[] = [
			{ measure: 'card move p95, no uploads', figure: ms(p95Alone) },
			{ measure: 'card move p95, 10 × 10 MB uploading', figure: ms(p95During) },
			{
				measure: 'ratio (with / without)',
				figure: ratio.toFixed(2),
				target: `≤ ${TARGET.ratio}`,
				meets: ratio <= TARGET.ratio
			},
			{ measure: 'server RSS before', figure: mb(rssBefore) },
			{ measure: 'server RSS peak during uploads', figure: mb(rssPeak) },
			{
				measure: 'server RSS growth',
				figure: `${delta.toFixed(0)} MB`,
				target: `≤ ${TARGET.rssDeltaMb} MB`,
				meets: delta <= TARGET.rssDeltaMb
			},
			{
				measure: 'card move median, no uploads / uploading',
				figure: `${ms(percentile(alone, 50))} / ${ms(percentile(during, 50))}`
			}
		];
		printTable(rows);
		saveRows('uploads', rows);
	} finally {
		await cleanUp();
	}
}

await main();
