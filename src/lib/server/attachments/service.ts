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
import { ByteBudget } from '../files/throttle';
import { findComment } from '../comments/repository';
import { findReportOfCard } from '../reports/repository';
import {
	deleteAttachmentRow,
	findAttachment,
	findAttachmentByKey,
	insertAttachment,
	listAllRowsOfCard,
	listAttachmentRows,
	listOwnedRows,
	lockedComment,
	lockedReport,
	lockOrganization,
	updateCover,
	usedBy
} from './repository';

// Files on cards, on activity reports (their evidence) and on comments. Whoever may comment on a
// card may attach a file to it and remove one; a report's author adds evidence to it while it is
// a draft or returned; a comment's author sends files with it. Whoever may see the card (for
// evidence: the report) may see and download its files. A file is streamed into the store as it
// arrives (never held whole), checked by its content once complete, and only then recorded, with
// the organisation's quota checked again under a lock on its row: a refused, oversized or broken
// upload leaves neither a row nor a file, and two uploads at once cannot both take the last room.

/** Whose a file is: the card's own, a report's evidence, or a comment's. */
export type AttachmentOwner =
	{ kind: 'card' } | { kind: 'report'; reportId: number } | { kind: 'comment'; commentId: number };

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

const editableReport = (status: string) => status === 'draft' || status === 'returned';

/** A report the viewer may add evidence to or take it from: their own, a draft or returned. */
function ownOpenReport(
	viewer: Viewer,
	report: { status: string; authorId: number | null } | undefined
) {
	if (!report || !can.seeReport(viewer, report)) throw new NotFoundError();
	if (report.authorId !== viewer.id) throw new ForbiddenError();
	if (!editableReport(report.status)) throw new ConflictError('attachment_report_locked');
}

/** A comment the actor may send files with: their own, not deleted. */
function ownLiveComment(
	actor: Actor,
	comment: { deletedAt: Date | null; authorId: number | null } | undefined
) {
	if (!comment || comment.deletedAt) throw new NotFoundError();
	if (comment.authorId !== actor.id) throw new ForbiddenError();
}

/** Whether the actor may attach a file to the owner on this card (and then to what card). */
async function attachableTo(db: Db, actor: Actor, cardId: number, owner: AttachmentOwner) {
	if (owner.kind === 'report') {
		// The author reports on a card they may see; they need not be able to move it.
		const viewer = await loadViewer(db, actor);
		const found = await visibleCard(db, viewer, cardId);
		ownOpenReport(viewer, await findReportOfCard(db, cardId, owner.reportId));
		return found;
	}
	const found = await attachable(db, actor, cardId);
	if (owner.kind === 'comment')
		ownLiveComment(actor, await findComment(db, cardId, owner.commentId));
	return found;
}

/** The same, again, inside the insert's transaction, the owner's row held until it commits. */
async function stillAttachable(trx: Db, actor: Actor, owner: AttachmentOwner) {
	if (owner.kind === 'report') {
		const report = await lockedReport(trx, owner.reportId);
		if (!report) throw new NotFoundError();
		if (!editableReport(report.status)) throw new ConflictError('attachment_report_locked');
		return report.status;
	}
	if (owner.kind === 'comment') ownLiveComment(actor, await lockedComment(trx, owner.commentId));
	return null;
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

// Thumbnails are made one at a time, each on one libvips thread, with no operation cache: ten
// large images at once would otherwise take every core and the thread pool (which file writes
// share) from everyone else, and hold their decoded pixels together (tests/bench/uploads.ts).
sharp.concurrency(1);
sharp.cache(false);
let thumbnailing: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
	const run = thumbnailing.then(job, job);
	thumbnailing = run.catch(() => {});
	return run;
}

/** An image's size and a small WebP preview of it, or nothing when sharp cannot read it. */
function thumbnail(store: FileStore, key: string) {
	return oneAtATime(() => makeThumbnail(store, key));
}

async function makeThumbnail(store: FileStore, key: string) {
	// A file on this machine's disk is read by libvips itself; a stream (S3) sharp takes whole.
	const local = store.localPath?.(key) ?? null;
	const source = local ? null : await store.get(key);
	if (!local && !source) return null;
	try {
		// A decompression bomb (a tiny file of huge dimensions) is refused by the pixel limit.
		const options = { limitInputPixels: 50_000_000, failOn: 'error' } as const;
		const image = local ? sharp(local, options) : sharp(options);
		if (source) source.pipe(image);
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
		source?.destroy();
		return null;
	}
}

export interface UploadInput {
	/** The name the browser gave, made safe here. */
	name: string;
	/** The length the request declared, when it did: an oversized file is refused before reading. */
	declaredSize?: number | null;
	/** Whose the file is; the card's own when not given. */
	owner?: AttachmentOwner;
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
	const owner = input.owner ?? { kind: 'card' };
	const { card, facts, board } = await attachableTo(db, actor, cardId, owner);
	const name = safeFileName(input.name);
	const tooLarge = () =>
		new PayloadTooLargeError('attachment_too_large', { limit: megabytes(limits.maxBytes) });
	if (input.declaredSize != null && input.declaredSize > limits.maxBytes) throw tooLarge();
	if (!body || input.declaredSize === 0) throw new ValidationError('file', 'attachment_empty');

	// The organisation whose space it takes: the card's lead, or else the board's owner.
	const organizationId = facts.leadId ?? board.ownerOrganizationId;
	// A first look, to refuse early: the check that counts is made again with the insert.
	const room =
		limits.quotaBytes > 0 ? limits.quotaBytes - (await usedBy(db, organizationId)) : Infinity;
	const quotaFull = () =>
		new ConflictError('attachment_quota_full', { quota: megabytes(limits.quotaBytes) });
	if (room <= 0 || (input.declaredSize != null && input.declaredSize > room)) throw quotaFull();

	const key = randomUUID();
	const cap = Math.min(limits.maxBytes, room);
	let size: number;
	try {
		({ size } = await store.put(key, paced(body), cap));
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
			const status = await stillAttachable(trx, actor, owner);
			if (limits.quotaBytes > 0) {
				await lockOrganization(trx, organizationId);
				if ((await usedBy(trx, organizationId)) + size > limits.quotaBytes) throw quotaFull();
			}
			const row = await insertAttachment(trx, {
				key,
				cardId,
				reportId: owner.kind === 'report' ? owner.reportId : null,
				commentId: owner.kind === 'comment' ? owner.commentId : null,
				organizationId,
				uploaderId: actor.id,
				name,
				mime,
				size,
				width: image?.width ?? null,
				height: image?.height ?? null,
				hasThumbnail: image !== null
			});
			const at = { actorId: actor.id, boardId: card.boardId, cardId, attachmentId: row.id };
			await fileEvent(trx, 'added', at, owner, name, status);
			return row;
		});
	} catch (err) {
		await Promise.all([store.remove(key), store.remove(thumbKey(key))]);
		throw err;
	}
}

/**
 * The event of a file added or removed, in the insert's or delete's transaction. A draft's
 * evidence is told to its author alone (report.evidence_changed), as the draft is; any other
 * file is told to whoever sees the card, with whose it is.
 */
function fileEvent(
	trx: Db,
	change: 'added' | 'removed',
	at: { actorId: number; boardId: number; cardId: number; attachmentId: number },
	owner: AttachmentOwner,
	name: string,
	reportStatus: string | null
) {
	const { actorId, boardId, cardId } = at;
	if (owner.kind === 'report' && reportStatus === 'draft')
		return recordEvent(trx, {
			actorId,
			type: 'report.evidence_changed',
			entityId: owner.reportId,
			boardId,
			cardId,
			payload: { name, change }
		});
	const payload =
		owner.kind === 'report'
			? { name, reportId: owner.reportId }
			: owner.kind === 'comment'
				? { name, commentId: owner.commentId }
				: { name };
	return recordEvent(trx, {
		actorId,
		type: change === 'added' ? 'attachment.added' : 'attachment.removed',
		entityId: at.attachmentId,
		boardId,
		cardId,
		payload
	});
}

type Row = Awaited<ReturnType<typeof listAttachmentRows>>[number];
const shown = ({ key, ...row }: Row) => ({
	...row,
	url: `/files/${key}`,
	thumbnailUrl: row.hasThumbnail ? `/files/${key}/thumbnail` : null
});
export type ShownAttachment = ReturnType<typeof shown>;

/** A card's own files, for the card dialog (the caller has checked the card is visible). */
export async function listAttachments(db: Db, cardId: number) {
	return (await listAttachmentRows(db, cardId)).map(shown);
}

export type FilesByOwner = Map<number, ShownAttachment[]>;

/**
 * A card's files in one query, for its dialog: its own (newest first), and its reports' and its
 * comments', by owner (for the reports and comments the viewer is then shown: the caller's to
 * pick; a draft's evidence is not to be shown to others).
 */
export async function cardFiles(db: Db, cardId: number) {
	const own: ShownAttachment[] = [];
	const reports: FilesByOwner = new Map();
	const comments: FilesByOwner = new Map();
	const add = (map: FilesByOwner, id: number, file: ShownAttachment) =>
		map.set(id, [...(map.get(id) ?? []), file]);
	for (const row of await listAllRowsOfCard(db, cardId)) {
		const file = shown(row);
		if (row.reportId !== null) add(reports, row.reportId, file);
		else if (row.commentId !== null) add(comments, row.commentId, file);
		else own.unshift(file);
	}
	return { own, reports, comments };
}

/**
 * The files of some of a card's reports or comments, by their owner's id (the caller has shown
 * the viewer those reports or comments).
 */
export async function filesOf(
	db: Db,
	cardId: number,
	owner: 'reportId' | 'commentId',
	ids: number[]
): Promise<Map<number, ShownAttachment[]>> {
	const byOwner = new Map<number, ShownAttachment[]>();
	if (ids.length === 0) return byOwner;
	for (const row of await listOwnedRows(db, cardId, owner, ids)) {
		const id = row[owner]!;
		byOwner.set(id, [...(byOwner.get(id) ?? []), shown(row)]);
	}
	return byOwner;
}

/** An attachment by its key, when the viewer may see its card (and its report); else not found. */
export async function visibleAttachment(db: Db, actor: Actor | Viewer, key: string) {
	const attachment = await findAttachmentByKey(db, key);
	if (!attachment) throw new NotFoundError();
	const viewer = await loadViewer(db, actor);
	await visibleCard(db, viewer, attachment.cardId);
	if (attachment.reportId !== null) {
		const report = await findReportOfCard(db, attachment.cardId, attachment.reportId);
		if (!report || !can.seeReport(viewer, report)) throw new NotFoundError();
	}
	if (attachment.commentId !== null) {
		const comment = await findComment(db, attachment.cardId, attachment.commentId);
		if (!comment || comment.deletedAt) throw new NotFoundError();
	}
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
	const viewer = await loadViewer(db, actor);
	const { card } = await visibleCard(db, viewer, cardId);
	const stored = await findAttachment(db, cardId, attachmentId);
	if (!stored) throw new NotFoundError();
	// A card's file: whoever may attach one; evidence or a comment's file: as it was attached.
	const owner: AttachmentOwner =
		stored.reportId !== null
			? { kind: 'report', reportId: stored.reportId }
			: stored.commentId !== null
				? { kind: 'comment', commentId: stored.commentId }
				: { kind: 'card' };
	await attachableTo(db, actor, cardId, owner);
	const attachment = await db.transaction().execute(async (trx) => {
		const status = await stillAttachable(trx, actor, owner);
		const found = await findAttachment(trx, cardId, attachmentId);
		if (!found) throw new NotFoundError();
		await deleteAttachmentRow(trx, found.id);
		const at = { actorId: actor.id, boardId: card.boardId, cardId, attachmentId: found.id };
		await fileEvent(trx, 'removed', at, owner, found.name, status);
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
			if (!found || found.reportId !== null || found.commentId !== null) throw new NotFoundError();
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

let uploadBudget: ByteBudget | null | undefined;

/** The upload's body within the process's shared budget (UPLOAD_MB_PER_S), or as it is. */
function paced(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
	if (uploadBudget === undefined) {
		const rate = env().UPLOAD_MB_PER_S;
		uploadBudget = rate > 0 ? new ByteBudget(rate * 1024 * 1024) : null;
	}
	return uploadBudget ? uploadBudget.pace(body) : body;
}
