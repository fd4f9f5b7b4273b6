import { mentionedIds, mentionToken, replaceMentions } from '$lib/domain/mentions';
import type { EditCommentInput, NewCommentInput } from '$lib/schemas/comments';
import { can, loadViewer, whoSees, type Actor } from '../auth/policy';
import { visibleCard } from '../cards/service';
import type { Db } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { recordEvent } from '../events/repository';
import { renderComment } from '../markdown';
import { notify, peopleOfCard } from '../notifications/repository';
import { erasedName } from '$lib/domain/pseudonym';
import { filesOf, type FilesByOwner } from '../attachments/service';
import { deleteCommentAttachments } from '../attachments/repository';
import {
	findComment,
	findSentComment,
	insertComment,
	listCommentRows,
	markCommentDeleted,
	updateCommentBody
} from './repository';

// Comments on a card. Whoever may move a card may comment on it; an author edits and deletes
// their own (a deleted comment leaves a marker, so a thread that answered it still reads). A
// comment may mention only people who may see the card: they are notified, and so are the
// people the card concerns (its assignees and the managers of its lead organisation).

/**
 * A card's comments. Each mention shows the person's current name (and the body sent to the
 * author's edit form carries it too), looked up in the same statement: a rename shows in old
 * comments, an erased person shows under their pseudonym, and a name typed into a link shows
 * nowhere.
 */
export async function listComments(db: Db, cardId: number, loaded?: FilesByOwner) {
	const rows = await listCommentRows(db, cardId);
	const live = rows.filter((r) => !r.deletedAt).map((r) => r.id);
	// The card dialog has loaded every file of the card already (attachments/service cardFiles).
	const files = loaded ?? (await filesOf(db, cardId, 'commentId', live));
	return rows.map(({ body, mentionNames, ...row }) => {
		if (row.deletedAt) return { ...row, body: '', html: '', files: [] };
		// A person with no row at all (none is ever deleted) reads as one erased.
		const nameOf = (id: number) => mentionNames?.[id] ?? erasedName(id);
		return {
			...row,
			body: replaceMentions(body, (_typed, id) => mentionToken({ id, name: nameOf(id) })),
			html: renderComment(body, nameOf),
			files: files.get(row.id) ?? []
		};
	});
}

/** The people a text mentions, refused when one of them may not see the card. */
async function checkMentions(db: Db, cardId: number, body: string) {
	const ids = mentionedIds(body);
	if (ids.length === 0) return [];
	const seeing = new Set((await whoSees.card(db, cardId).execute()).map((p) => p.id));
	const outsider = ids.find((id) => !seeing.has(id));
	if (outsider !== undefined) throw new ValidationError('body', 'comment_mention_not_visible');
	return ids;
}

async function commentable(db: Db, actor: Actor, cardId: number) {
	const viewer = await loadViewer(db, actor);
	const { card, facts } = await visibleCard(db, viewer, cardId);
	if (!can.moveCard(viewer, facts)) throw new ForbiddenError();
	return card;
}

export async function addComment(db: Db, actor: Actor, cardId: number, input: NewCommentInput) {
	const card = await commentable(db, actor, cardId);
	return db.transaction().execute(async (trx) => {
		const mentioned = await checkMentions(trx, cardId, input.body);
		const clientKey = input.clientKey ?? null;
		const comment = await insertComment(trx, {
			cardId,
			authorId: actor.id,
			body: input.body,
			clientKey
		});
		if (!comment) {
			// The same send again: the comment is there; nothing more is written or told.
			const sent = clientKey && (await findSentComment(trx, cardId, actor.id, clientKey));
			if (!sent) throw new ConflictError('comment_key_reused');
			return sent;
		}
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'comment.created',
			entityId: comment.id,
			boardId: card.boardId,
			cardId
		});
		const base = { cardId, commentId: comment.id, actorId: actor.id };
		await notify(trx, { ...base, type: 'mentioned', userIds: mentioned });
		const concerned = (await peopleOfCard(trx, cardId)).map((p) => p.id);
		await notify(trx, {
			...base,
			type: 'commented',
			userIds: concerned.filter((id) => !mentioned.includes(id))
		});
		return comment;
	});
}

/** The actor's own live comment on the card, or nothing found. */
async function ownComment(db: Db, actor: Actor, cardId: number, commentId: number) {
	const comment = await findComment(db, cardId, commentId);
	if (!comment || comment.deletedAt) throw new NotFoundError();
	if (comment.authorId !== actor.id) throw new ForbiddenError();
	return comment;
}

export async function editComment(db: Db, actor: Actor, cardId: number, input: EditCommentInput) {
	const card = await commentable(db, actor, cardId);
	return db.transaction().execute(async (trx) => {
		const before = await ownComment(trx, actor, cardId, input.commentId);
		const mentioned = await checkMentions(trx, cardId, input.body);
		await updateCommentBody(trx, before.id, input.body);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'comment.edited',
			entityId: before.id,
			boardId: card.boardId,
			cardId
		});
		// Only people newly mentioned hear of it again.
		const already = new Set(mentionedIds(before.body));
		await notify(trx, {
			cardId,
			commentId: before.id,
			actorId: actor.id,
			type: 'mentioned',
			userIds: mentioned.filter((id) => !already.has(id))
		});
	});
}

export async function deleteComment(db: Db, actor: Actor, cardId: number, commentId: number) {
	const card = await commentable(db, actor, cardId);
	return db.transaction().execute(async (trx) => {
		const comment = await ownComment(trx, actor, cardId, commentId);
		// The text goes; the row stays as the marker "comment deleted". Its files go too: their
		// rows here, their bytes with the orphan sweep (attachments/sweep.ts).
		await markCommentDeleted(trx, comment.id);
		await deleteCommentAttachments(trx, comment.id);
		await recordEvent(trx, {
			actorId: actor.id,
			type: 'comment.deleted',
			entityId: comment.id,
			boardId: card.boardId,
			cardId
		});
	});
}

/** People who may be mentioned on a card (who may see it). */
export async function mentionable(db: Db, cardId: number) {
	return whoSees.card(db, cardId).execute();
}
