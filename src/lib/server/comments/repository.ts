import { sql } from 'kysely';
import type { Db } from '../db';

// Comments' queries.

// The ids a comment's mentions point to, for the database to look up their names: looser than
// the mention syntax (domain/mentions.ts decides what is a mention), as it only picks names.
const MENTIONED_ID = String.raw`\]\(user:([0-9]{1,9})\)`;

/**
 * A card's comments, oldest first, with their author's name and the current names of the people
 * each mentions (`mentionNames`, by id), looked up in the same statement.
 */
export function listCommentRows(db: Db, cardId: number) {
	return db
		.selectFrom('comment')
		.leftJoin('user', 'user.id', 'comment.authorId')
		.select([
			'comment.id',
			'comment.authorId',
			'user.name as authorName',
			'comment.body',
			'comment.createdAt',
			'comment.editedAt',
			'comment.deletedAt',
			sql<Record<string, string> | null>`(
				select json_object_agg(mentioned.id, mentioned.name) from "user" as mentioned
				where mentioned.id in (
					select match[1]::int from regexp_matches(comment.body, ${MENTIONED_ID}, 'g') as match
				)
			)`.as('mentionNames')
		])
		.where('comment.cardId', '=', cardId)
		.orderBy('comment.id')
		.execute();
}

/**
 * Writes a comment, unless its author already sent one with the same key: then nothing is
 * written and nothing returned (a concurrent twin waits for the first to commit, then finds it).
 */
export function insertComment(
	db: Db,
	comment: { cardId: number; authorId: number; body: string; clientKey: string | null }
) {
	return db
		.insertInto('comment')
		.values(comment)
		.onConflict((oc) => oc.columns(['authorId', 'clientKey']).doNothing())
		.returning(['id'])
		.executeTakeFirst();
}

/** The author's comment sent with this key, on this card. */
export function findSentComment(db: Db, cardId: number, authorId: number, clientKey: string) {
	return db
		.selectFrom('comment')
		.select(['id'])
		.where('cardId', '=', cardId)
		.where('authorId', '=', authorId)
		.where('clientKey', '=', clientKey)
		.executeTakeFirst();
}

/** A comment of the card, deleted or not. */
export function findComment(db: Db, cardId: number, commentId: number) {
	return db
		.selectFrom('comment')
		.select(['id', 'authorId', 'body', 'deletedAt'])
		.where('id', '=', commentId)
		.where('cardId', '=', cardId)
		.executeTakeFirst();
}

export function updateCommentBody(db: Db, commentId: number, body: string) {
	return db
		.updateTable('comment')
		.set({ body, editedAt: new Date() })
		.where('id', '=', commentId)
		.execute();
}

/** The text goes; the row stays as the marker "comment deleted". */
export function markCommentDeleted(db: Db, commentId: number) {
	return db
		.updateTable('comment')
		.set({ body: '', deletedAt: new Date() })
		.where('id', '=', commentId)
		.execute();
}
