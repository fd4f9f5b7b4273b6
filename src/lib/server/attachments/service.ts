import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { can, loadViewer, type Actor, type Viewer } from '../auth/policy';
import { visibleCard } from '../cards/service';
import type { Db } from '../db';
import { env } from '../env';
import {
	ConflictError,
	DomainError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../errors';
import { recordEvent } from '../events/repository';
import { detectType, IMAGE_TYPES, safeFileName } from '../files/content';
import { TooLargeError, type FileStore } from '../files/store';
import {
	deleteAttachmentRow,
	findAttachment,
	findAttachmentByKey,
	insertAttachment,
	listAttachmentRows,
	updateCover,
	usedBy
} from './repository';

// Files on cards. Whoever may comment on a card may attach a file to it and remove one; whoever
// may see the card may see and download its files. A file is streamed into the store as it
// arrives (never held whole), checked by its content once complete, and only then recorded: a
// refused, oversized or broken upload leaves neither a row nor a file.

const MB = 1024 * 1024;

/** A file over the upload limit: answered 413, the limit in its message. */
export class PayloadTooLargeError extends DomainError {
	readonly status = 413;
}
/** A file whose content is not of an allowed type. */
export class UnsupportedTypeError extends DomainError {
	readonly status = 415;
}

export interface AttachmentLimits {
	/** The largest file, in bytes. */
	maxBytes: number;
	/** What one organisation's files may take, in bytes; 0 for no limit. */
	quotaBytes: number;
}

export function attachmentLimits(): AttachmentLimits {
	const config = env();
	return {
		maxBytes: Math.floor(config.MAX_UPLOAD_MB * MB),
		quotaBytes: Math.floor(config.ORG_QUOTA_MB * MB)
	};
}

const thumbKey = (key: string) => `${key}.thumb.webp`;
const megabytes = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

async function attachable(db: Db, actor: Actor, cardId: number) {
	const viewer = await loadViewer(db, actor);
	const found = await visibleCard(db, viewer, cardId);
	if (!can.moveCard(viewer, found.facts)) throw new ForbiddenError();
	if (found.card.archivedAt) throw new ConflictError('attachment_card_archived');
	return { viewer, ...found };
}

/** The first bytes of a stored file (for the text check). */
async function headOf(stream: Readable, bytes = 8192): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		chunks.push(chunk);
		size += chunk.length;
		if (size >= bytes) break;
	}
	stream.destroy();
	return Buffer.concat(chunks).subarray(0, bytes);
}

/** An image's size and a small WebP preview of it, or nothing when sharp cannot read it. */
async function thumbnail(store: FileStore, key: string) {
	const source = await store.get(key);
	if (!source) return null;
	try {
		// A decompression bomb (a tiny file of huge dimensions) is refused by the pixel limit.
		const image = sharp({ limitInputPixels: 50_000_000, failOn: 'error' });
		source.pipe(image);
		const meta = await image.clone().metadata();
		const { data } = await image
			.rotate()
			.resize(480, 480, { fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 78 })
			.toBuffer({ resolveWithObject: true });
		await store.put(thumbKey(key), [data], data.length + 1);
		const turned = (meta.orientation ?? 1) >= 5;
		return {
			width: (turned ? meta.height : meta.width) ?? null,
			height: (turned ? meta.width : meta.height) ?? null
		};
	} catch {
		source.destroy();
		return null;
	}
}

export interface UploadInput {
	/** The name the browser gave, made safe here. */
	name: string;
	/** The length the request declared, when it did: an oversized file is refused before reading. */
	declaredSize?: number | null;
}

export async function uploadAttachment(
	db: Db,
	store: FileStore,
	actor: Actor,
	cardId: number,
	input: UploadInput,
	body: AsyncIterable<Uint8Array> | null,
	limits: AttachmentLimits = attachmentLimits()
) {
	const { card, facts, board } = await attachable(db, actor, cardId);
	const name = safeFileName(input.name);
	const tooLarge = () =>
		new PayloadTooLargeError('attachment_too_large', { limit: megabytes(limits.maxBytes) });
	if (input.declaredSize != null && input.declaredSize > limits.maxBytes) throw tooLarge();
	if (!body || input.declaredSize === 0) throw new ValidationError('file', 'attachment_empty');

	// The organisation whose space it takes: the card's lead, or else the board's owner.
	const organizationId = facts.leadId ?? board.ownerOrganizationId;
	const room =
		limits.quotaBytes > 0 ? limits.quotaBytes - (await usedBy(db, organizationId)) : Infinity;
	const quotaFull = () =>
		new ConflictError('attachment_quota_full', { quota: megabytes(limits.quotaBytes) });
	if (room <= 0 || (input.declaredSize != null && input.declaredSize > room)) throw quotaFull();

	const key = randomUUID();
	const cap = Math.min(limits.maxBytes, room);
	let size: number;
	try {
		({ size } = await store.put(key, body, cap));
	} catch (err) {
		if (err instanceof TooLargeError) throw cap < limits.maxBytes ? quotaFull() : tooLarge();
		throw err;
	}
	try {
		if (size === 0) throw new ValidationError('file', 'attachment_empty');
		const head = await headOf((await store.get(key))!);
		const mime = await detectType((await store.get(key))!, head, name);
		if (!mime) throw new UnsupportedTypeError('attachment_type_refused');
		const image = IMAGE_TYPES.has(mime) ? await thumbnail(store, key) : null;
		return await db.transaction().execute(async (trx) => {
			const row = await insertAttachment(trx, {
				key,
				cardId,
				organizationId,
				uploaderId: actor.id,
				name,
				mime,
				size,
				width: image?.width ?? null,
				height: image?.height ?? null,
				hasThumbnail: image !== null
			});
			await recordEvent(trx, {
				actorId: actor.id,
				type: 'attachment.added',
				entityId: row.id,
				boardId: card.boardId,
				cardId,
				payload: { name }
			});
			return row;
		});
	} catch (err) {
		await Promise.all([store.remove(key), store.remove(thumbKey(key))]);
		throw err;
	}
}

/** A card's files, for the card dialog (the caller has checked the card is visible). */
export async function listAttachments(db: Db, cardId: number) {
	const rows = await listAttachmentRows(db, cardId);
	return rows.map(({ key, ...row }) => ({
		...row,
		url: `/files/${key}`,
		thumbnailUrl: row.hasThumbnail ? `/files/${key}/thumbnail` : null
	}));
}

/** An attachment by its key, when the viewer may see its card; otherwise not found. */
export async function visibleAttachment(db: Db, actor: Actor | Viewer, key: string) {
	const attachment = await findAttachmentByKey(db, key);
	if (!attachment) throw new NotFoundError();
	const viewer = await loadViewer(db, actor);
	await visibleCard(db, viewer, attachment.cardId);
	return attachment;
}

/** The file's bytes (or its thumbnail's), for a viewer who may see its card. */
export async function openAttachment(
	db: Db,
	store: FileStore,
	actor: Actor | Viewer,
	key: string,
	part: 'file' | 'thumbnail' = 'file'
) {
	const attachment = await visibleAttachment(db, actor, key);
	if (part === 'thumbnail' && !attachment.hasThumbnail) throw new NotFoundError();
	const stream = await store.get(part === 'file' ? attachment.key : thumbKey(attachment.key));
	if (!stream) throw new NotFoundError();
	return { attachment, stream };
}

export async function removeAttachment(
	db: Db,
	store: FileStore,
	actor: Actor,
	cardId: number,
	attachmentId: number
) {
	const { card } = await attachable(db, actor, cardId);
	const attachment = await db.transaction().execute(async (trx) => {
		const found = await findAttachment(trx, cardId, attachmentId);
		if (!found) throw new NotFoundError();
		await deleteAttachmentRow(trx, found.id);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'attachment.removed',
			entityId: found.id,
			boardId: card.boardId,
			cardId,
			payload: { name: found.name }
		});
		return found;
	});
	// After commit: a file whose removal fails here is an orphan the sweep removes later.
	await Promise.all([store.remove(attachment.key), store.remove(thumbKey(attachment.key))]);
}

/** Shows one of the card's images as its cover, or none (`attachmentId` null). */
export async function setCover(db: Db, actor: Actor, cardId: number, attachmentId: number | null) {
	const { card, facts, viewer } = await attachable(db, actor, cardId);
	if (!can.editCard(viewer, facts)) throw new ForbiddenError();
	await db.transaction().execute(async (trx) => {
		let name: string | null = null;
		if (attachmentId !== null) {
			const found = await findAttachment(trx, cardId, attachmentId);
			if (!found) throw new NotFoundError();
			if (!found.hasThumbnail) throw new ValidationError('attachmentId', 'attachment_cover_image');
			name = found.name;
		}
		await updateCover(trx, cardId, attachmentId);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'card.cover_changed',
			entityId: cardId,
			boardId: card.boardId,
			cardId,
			payload: { attachmentId, name }
		});
	});
}
