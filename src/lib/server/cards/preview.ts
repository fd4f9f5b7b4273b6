import { mentionedIds } from '$lib/domain/mentions';
import type { MarkdownPreviewInput } from '$lib/schemas/markdown';
import { loadViewer, whoSees, type Actor } from '../auth/policy';
import type { Db } from '../db';
import { renderComment, renderMarkdown } from '../markdown';
import { visibleCard } from './service';

/**
 * A card's description or a comment as it will be shown once saved: the same renderer and the
 * same sanitising (../markdown.ts). A mention shows the current name of a person who may see the
 * card, as a saved comment does; anyone else keeps the name typed (saving refuses them anyway).
 * Writes nothing; the card must be one the person may see.
 */
export async function previewOnCard(
	db: Db,
	actor: Actor,
	cardId: number,
	input: MarkdownPreviewInput
): Promise<string> {
	await visibleCard(db, await loadViewer(db, actor), cardId);
	if (input.kind === 'description') return renderMarkdown(input.text);
	const people = mentionedIds(input.text).length ? await whoSees.card(db, cardId).execute() : [];
	const names = new Map(people.map((p) => [p.id, p.name]));
	return renderComment(input.text, (id, typed) => names.get(id) ?? typed);
}
