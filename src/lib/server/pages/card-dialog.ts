import { cardFiles } from '../attachments/service';
import { historyNames } from '../audit/service';
import type { Actor } from '../auth/policy';
import { listComments, mentionable } from '../comments/service';
import type { Db } from '../db';
import { goalSuccessor } from '../editions/mapping';
import { NotFoundError } from '../errors';
import { renderMarkdown } from '../markdown';
import { reportOptionsOfCard, reportsOfCard } from '../reports/service';
import { cardPeopleOptions } from '../cards/people';
import { moveTargets, openCard } from '../cards/service';

/**
 * Everything the card dialog (/boards/<id>/cards/<cardId>) shows: the card, its chain and
 * history, people, move targets, comments, reports and, for a goal of a superseded edition,
 * the goal it continues as. One function, so that what the page loads
 * is what the query-count budget test measures. A card is addressed through its own board only.
 */
export async function cardDialog(db: Db, actor: Actor, boardId: number, cardId: number) {
	// The card is checked once; what follows is loaded for the card and viewer it was shown to.
	const { viewer, facts, ...data } = await openCard(db, actor, cardId);
	if (data.card.boardId !== boardId) throw new NotFoundError();
	const goal = data.chain.at(-1);
	// Every file of the card in one query: its own, its reports' and its comments'.
	const files = cardFiles(db, data.card.id);
	const [people, targets, comments, mentions, reports, reporting, edition, names, attachments] =
		await Promise.all([
			cardPeopleOptions(db, actor, data),
			data.canMove ? moveTargets(db, viewer, boardId) : [],
			files.then((f) => listComments(db, data.card.id, f.comments)),
			data.canMove ? mentionable(db, data.card.id) : [],
			files.then((f) => reportsOfCard(db, viewer, data.card, facts, f.reports)),
			reportOptionsOfCard(db, viewer, data.card, facts, data.chain),
			// A goal of a superseded edition: the goal it continues as in the current one.
			goal ? goalSuccessor(db, goal) : undefined,
			// The columns, goals and people the history names by id.
			historyNames(db, data.history, data.card.boardId),
			files.then((f) => f.own)
		]);
	return {
		...data,
		descriptionHtml: renderMarkdown(data.card.description),
		people,
		moveTargets: targets,
		comments,
		mentionable: mentions,
		reports,
		reporting,
		edition,
		historyNames: names,
		attachments
	};
}
