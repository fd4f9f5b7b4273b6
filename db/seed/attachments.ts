import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import sharp from 'sharp';
import type { Database } from '../../src/lib/server/db/schema';
import { recordEvent } from '../../src/lib/server/events/repository';
import type { FileStore } from '../../src/lib/server/files/store';

// A few files on the demo cards, so that a newcomer sees attachments at work: a short PDF (a
// training programme), a poster and a photo, made here at seed time (the images with sharp, the
// PDF by hand), with thumbnails, and the poster as its card's cover; an attendance list as the
// evidence of a report awaiting review, and a photo sent with a comment.

type Trx = Transaction<Database>;

const WYDZIAL = 'wydzial@torun.example';
const NGO = 'ngo@torun.example';

/** A one-page PDF with a few lines of text (Helvetica, Latin letters only), offsets computed. */
export function demoPdf(lines: string[]): Buffer {
	const text = lines
		.map((line, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 72 ${760 - i * 24} Td (${line}) Tj ET`)
		.join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`
	];
	let pdf = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((body, i) => {
		offsets.push(Buffer.byteLength(pdf));
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(pdf);
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, 'latin1');
}

/** An abstract picture in the app's palette: no text, so no font is needed to draw it. */
function picture(width: number, height: number, colours: string[]): Buffer {
	const shapes = colours
		.map((c, i) => {
			const r = (height / 3) * (1 - i * 0.18);
			const cx = (width / (colours.length + 1)) * (i + 1);
			const cy = height / 2 + (i % 2 ? r / 3 : -r / 3);
			return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${c}" fill-opacity="0.85"/>`;
		})
		.join('');
	return Buffer.from(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
			`<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#eff6ff"/><stop offset="1" stop-color="#dbeafe"/></linearGradient></defs>` +
			`<rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`
	);
}

interface DemoFile {
	card: string;
	by: string;
	name: string;
	mime: string;
	make: () => Promise<Buffer>;
	cover?: boolean;
	/** Evidence of the person's report on the card, or sent with their comment on it. */
	on?: 'report' | 'comment';
}

const DEMO_FILES: readonly DemoFile[] = [
	{
		card: 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026',
		by: WYDZIAL,
		name: 'Program szkolenia – edycja 2026.pdf',
		mime: 'application/pdf',
		make: async () =>
			demoPdf([
				'Program szkolenia - edukacja pozaformalna 2026',
				'Dzien 1: metody projektowe, praca z grupa',
				'Dzien 2: ewaluacja zajec pozaformalnych',
				'Prowadzacy: Fundacja Edukacji Pozaformalnej'
			])
	},
	{
		card: 'Letnia akademia edukacji pozaformalnej dla młodzieży',
		by: WYDZIAL,
		name: 'Plakat – letnia akademia.png',
		mime: 'image/png',
		make: () =>
			sharp(picture(1200, 675, ['#1d4ed8', '#0891b2', '#f59e0b', '#dc2626']))
				.png()
				.toBuffer(),
		cover: true
	},
	{
		card: 'Letnia akademia edukacji pozaformalnej dla młodzieży',
		by: NGO,
		name: 'Zajęcia w plenerze.jpg',
		mime: 'image/jpeg',
		make: () =>
			sharp(picture(1024, 768, ['#15803d', '#65a30d', '#0d9488']))
				.jpeg({ quality: 80 })
				.toBuffer()
	},
	{
		card: 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026',
		by: NGO,
		name: 'Lista obecności – szkolenie dla nauczycieli.pdf',
		mime: 'application/pdf',
		make: async () =>
			demoPdf([
				'Lista obecnosci - szkolenie dla nauczycieli',
				'Dzien 1: 24 osoby',
				'Dzien 2: 22 osoby',
				'Podpisy uczestnikow w oryginale u organizatora'
			]),
		on: 'report'
	},
	{
		card: 'Szkolenia z pozyskiwania funduszy europejskich dla NGO',
		by: NGO,
		name: 'Warsztaty – tablica z pomysłami.png',
		mime: 'image/png',
		make: () =>
			sharp(picture(960, 640, ['#7c3aed', '#db2777', '#f59e0b']))
				.png()
				.toBuffer(),
		on: 'comment'
	}
];

/** The person's first report or comment on the card, whose file it is to be. */
async function ownerOf(trx: Trx, file: DemoFile, cardId: number, personId: number) {
	if (file.on === 'report') {
		const report = await trx
			.selectFrom('activityReport')
			.select(['id', 'createdAt'])
			.where('cardId', '=', cardId)
			.where('authorId', '=', personId)
			.orderBy('id')
			.executeTakeFirst();
		// Attached to the draft, before it was submitted.
		return report ? { reportId: report.id, createdAt: report.createdAt } : null;
	}
	if (file.on === 'comment') {
		const comment = await trx
			.selectFrom('comment')
			.select(['id', 'createdAt'])
			.where('cardId', '=', cardId)
			.where('authorId', '=', personId)
			.orderBy('id')
			.executeTakeFirst();
		// Sent with the comment: attached when it was written.
		return comment ? { commentId: comment.id, createdAt: comment.createdAt } : null;
	}
	return {} as { reportId?: number; commentId?: number; createdAt?: Date };
}

/** Puts the demo files on their cards; a card that is not there (a changed seed) is skipped. */
export async function insertDemoAttachments(trx: Trx, store: FileStore): Promise<number> {
	let added = 0;
	for (const file of DEMO_FILES) {
		const card = await trx
			.selectFrom('card')
			.innerJoin('board', 'board.id', 'card.boardId')
			.leftJoin('cardOrganization as lead', (join) =>
				join.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
			)
			.select(['card.id', 'card.boardId', 'lead.organizationId', 'board.ownerOrganizationId'])
			.where('card.title', '=', file.card)
			.executeTakeFirst();
		const person = await trx
			.selectFrom('user')
			.select('id')
			.where('email', '=', file.by)
			.executeTakeFirst();
		if (!card || !person) continue;
		const owner = await ownerOf(trx, file, card.id, person.id);
		if (!owner) continue;
		const bytes = await file.make();
		const key = randomUUID();
		await store.put(key, [bytes], bytes.length);
		let size: { width: number; height: number } | null = null;
		if (file.mime.startsWith('image/')) {
			const meta = await sharp(bytes).metadata();
			const thumb = await sharp(bytes)
				.resize(480, 480, { fit: 'inside', withoutEnlargement: true })
				.webp({ quality: 78 })
				.toBuffer();
			await store.put(`${key}.thumb.webp`, [thumb], thumb.length);
			size = { width: meta.width ?? 0, height: meta.height ?? 0 };
		}
		const row = await trx
			.insertInto('attachment')
			.values({
				key,
				cardId: card.id,
				...owner,
				organizationId: card.organizationId ?? card.ownerOrganizationId,
				uploaderId: person.id,
				name: file.name,
				mime: file.mime,
				size: bytes.length,
				width: size?.width ?? null,
				height: size?.height ?? null,
				hasThumbnail: size !== null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordEvent(trx, {
			actorId: person.id,
			type: 'attachment.added',
			entityId: row.id,
			boardId: card.boardId,
			cardId: card.id,
			payload: {
				name: file.name,
				...(owner.reportId ? { reportId: owner.reportId } : {}),
				...(owner.commentId ? { commentId: owner.commentId } : {})
			}
		});
		if (file.cover) {
			await trx
				.updateTable('card')
				.set({ coverAttachmentId: row.id })
				.where('id', '=', card.id)
				.execute();
		}
		added++;
	}
	return added;
}
