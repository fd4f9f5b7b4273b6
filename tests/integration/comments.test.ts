import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionToken } from '../../src/lib/domain/mentions';
import type { Actor } from '../../src/lib/server/auth/policy';
import { setAssignees } from '../../src/lib/server/cards/people';
import { previewOnCard } from '../../src/lib/server/cards/preview';
import {
	addComment,
	deleteComment,
	editComment,
	listComments,
	mentionable
} from '../../src/lib/server/comments/service';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { erasePerson } from '../../src/lib/server/users/personal-data';
import { sweepDueNotifications } from '../../src/lib/server/notifications/due';
import {
	listNotifications,
	markAllRead,
	markRead,
	unreadCount
} from '../../src/lib/server/notifications/service';
import {
	assignPeople,
	countRows,
	makeBoard,
	makeCard,
	makeOrg,
	makePerson,
	makeStrategy
} from '../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

// Comments with mentions, and the notifications they and assignments and due dates raise.

let t: TestDatabase;
let board: Awaited<ReturnType<typeof makeBoard>>;
let card: { id: number; version: number };
const people: Record<string, Actor & { name: string }> = {};

async function person(
	key: string,
	role: Actor['role'],
	orgs: [number, 'member' | 'manager'][] = []
) {
	const actor = await makePerson(t.db, role, orgs);
	const row = await t.db
		.selectFrom('user')
		.select('name')
		.where('id', '=', actor.id)
		.executeTakeFirstOrThrow();
	people[key] = { ...actor, name: row.name };
}

async function counts() {
	return {
		comments: await countRows(t.db, 'comment'),
		notifications: await countRows(t.db, 'notification'),
		events: await countRows(t.db, 'event')
	};
}

const notificationsOf = (userId: number) =>
	t.db
		.selectFrom('notification')
		.select(['type', 'cardId', 'commentId', 'readAt'])
		.where('userId', '=', userId)
		.orderBy('id')
		.execute();

beforeAll(async () => {
	t = await createTestDatabase();
	const s = await makeStrategy(t.db);
	const dept = await makeOrg(t.db, 'city_department');
	const ngo = await makeOrg(t.db, 'ngo');
	const stranger = await makeOrg(t.db, 'ngo');
	// A manager of the board's department may comment on every card of it.
	await person('author', 'member', [[dept.id, 'manager']]);
	await person('colleague', 'member', [[dept.id, 'member']]);
	await person('renamed', 'member', [[dept.id, 'member']]);
	await person('erased', 'member', [[dept.id, 'member']]);
	await person('admin', 'admin');
	await person('manager', 'member', [[ngo.id, 'manager']]);
	await person('assignee', 'member', [[ngo.id, 'member']]);
	await person('outsider', 'member', [[stranger.id, 'member']]);
	board = await makeBoard(t.db, dept.id, s.id);
	// The NGO leads the card on the department's board.
	card = await makeCard(t.db, board, board.columns[0], ngo.id);
	await assignPeople(t.db, card.id, [people.assignee!.id]);
});

afterAll(() => t.destroy());

describe('comments', () => {
	it('are Markdown, sanitised, and notify the mentioned and the people of the card', async () => {
		const { author, colleague, manager, assignee } = people;
		const body = `**Gotowe** ${mentionToken(colleague!)} <script>alert(1)</script>`;
		await addComment(t.db, author!, card.id, { body });
		const [comment] = await listComments(t.db, card.id);
		expect(comment!.html).toContain('<strong>Gotowe</strong>');
		expect(comment!.html).toContain(`<span class="mention">@${colleague!.name}</span>`);
		expect(comment!.html).not.toContain('<script');
		expect(await notificationsOf(colleague!.id)).toMatchObject([
			{ type: 'mentioned', cardId: card.id }
		]);
		// The assignee and the lead organisation's manager hear of a comment on their card.
		expect(await notificationsOf(assignee!.id)).toMatchObject([{ type: 'commented' }]);
		expect(await notificationsOf(manager!.id)).toMatchObject([{ type: 'commented' }]);
		expect(await notificationsOf(author!.id)).toEqual([]);
	});

	it('refuse a mention of someone who may not see the card, writing nothing', async () => {
		const before = await counts();
		await expect(
			addComment(t.db, people.author!, card.id, { body: `Hej ${mentionToken(people.outsider!)}` })
		).rejects.toBeInstanceOf(ValidationError);
		expect(await counts()).toEqual(before);
		const names = (await mentionable(t.db, card.id)).map((p) => p.id);
		expect(names).toContain(people.colleague!.id);
		expect(names).toContain(people.assignee!.id);
		expect(names).not.toContain(people.outsider!.id);
	});

	it('are previewed as they will be shown, writing nothing', async () => {
		const { author, colleague, outsider } = people;
		const before = await counts();
		const text = `**Plan** ${mentionToken({ id: colleague!.id, name: 'Stare imię' })} ${mentionToken(outsider!)} <script>alert(1)</script>`;
		const html = await previewOnCard(t.db, author!, card.id, { kind: 'comment', text });
		// The current name of someone who sees the card, the typed one of anyone else.
		expect(html).toContain('<strong>Plan</strong>');
		expect(html).toContain(`<span class="mention">@${colleague!.name}</span>`);
		expect(html).toContain(`<span class="mention">@${outsider!.name}</span>`);
		expect(html).not.toContain('<script');
		const description = await previewOnCard(t.db, author!, card.id, {
			kind: 'description',
			text: '# Cel\n[x](javascript:alert(1))'
		});
		expect(description).toBe('<h3>Cel</h3>\n<p><a rel="noopener noreferrer nofollow">x</a></p>\n');
		await expect(
			previewOnCard(t.db, outsider!, card.id, { kind: 'description', text: 'Widzę?' })
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await counts()).toEqual(before);
	});

	it('sent twice with the same key are saved, told and recorded once', async () => {
		const { author, colleague, manager } = people;
		const clientKey = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
		const body = `Dwa razy? ${mentionToken(colleague!)}`;
		const first = await addComment(t.db, author!, card.id, { body, clientKey });
		const after = await counts();
		// The connection broke after the save; the browser sends the same form again.
		const again = await addComment(t.db, author!, card.id, { body, clientKey });
		expect(again.id).toBe(first.id);
		expect(await counts()).toEqual(after);
		// The same text with a new key (sent anew on purpose) is a new comment.
		const other = await addComment(t.db, author!, card.id, {
			body,
			clientKey: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d'
		});
		expect(other.id).not.toBe(first.id);
		// Another author's key never stands for this one's comment.
		const theirs = await addComment(t.db, manager!, card.id, { body: 'Mój', clientKey });
		expect(theirs.id).not.toBe(first.id);
	});

	it('are refused, as not found, to someone who may not see the card', async () => {
		const before = await counts();
		await expect(
			addComment(t.db, people.outsider!, card.id, { body: 'Widzę?' })
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await counts()).toEqual(before);
	});

	it('are edited and deleted by their author only; a deletion leaves a marker', async () => {
		const { id } = await addComment(t.db, people.author!, card.id, { body: 'Pierwsza wersja' });
		await expect(
			editComment(t.db, people.colleague!, card.id, { commentId: id, body: 'Cudza zmiana' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(deleteComment(t.db, people.colleague!, card.id, id)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		// Another card's comment id through this card is not found.
		await expect(deleteComment(t.db, people.author!, card.id + 1000, id)).rejects.toBeInstanceOf(
			NotFoundError
		);

		await editComment(t.db, people.author!, card.id, {
			commentId: id,
			body: `Druga ${mentionToken(people.colleague!)}`
		});
		let comment = (await listComments(t.db, card.id)).find((c) => c.id === id)!;
		expect(comment.body).toBe(`Druga ${mentionToken(people.colleague!)}`);
		expect(comment.editedAt).not.toBeNull();
		// Newly mentioned by the edit: notified once.
		const mentions = (await notificationsOf(people.colleague!.id)).filter(
			(n) => n.commentId === id
		);
		expect(mentions).toHaveLength(1);

		await deleteComment(t.db, people.author!, card.id, id);
		comment = (await listComments(t.db, card.id)).find((c) => c.id === id)!;
		expect(comment).toMatchObject({ body: '', html: '' });
		expect(comment.deletedAt).not.toBeNull();
		await expect(
			editComment(t.db, people.author!, card.id, { commentId: id, body: 'Wskrzeszony' })
		).rejects.toBeInstanceOf(NotFoundError);
		const types = await t.db
			.selectFrom('event')
			.select('type')
			.where('entityType', '=', 'comment')
			.where('entityId', '=', id)
			.orderBy('id')
			.execute();
		expect(types.map((e) => e.type)).toEqual([
			'comment.created',
			'comment.edited',
			'comment.deleted'
		]);
	});
});

describe('mentions', () => {
	const rename = (id: number, name: string) =>
		t.db.updateTable('user').set({ name }).where('id', '=', id).execute();
	const shown = async (id: number) => (await listComments(t.db, card.id)).find((c) => c.id === id)!;

	it('show the person’s current name, never the text typed in the link', async () => {
		const { author, colleague } = people;
		const typed = `@[Prezydent Miasta](user:${colleague!.id})`;
		const { id } = await addComment(t.db, author!, card.id, { body: `Pytanie do ${typed}` });
		const comment = await shown(id);
		expect(comment.html).toContain(`<span class="mention">@${colleague!.name}</span>`);
		expect(comment.html).not.toContain('Prezydent');
		// The text the author edits carries the current name too.
		expect(comment.body).toBe(`Pytanie do ${mentionToken(colleague!)}`);
	});

	it('follow a rename: an old comment shows the new name', async () => {
		const { author, renamed } = people;
		const { id } = await addComment(t.db, author!, card.id, {
			body: `Dla ${mentionToken(renamed!)}`
		});
		await rename(renamed!.id, 'Zofia Nowa-Nazwisko');
		const comment = await shown(id);
		expect(comment.html).toContain('<span class="mention">@Zofia Nowa-Nazwisko</span>');
		expect(comment.html).not.toContain(renamed!.name);
		expect(comment.body).not.toContain(renamed!.name);
	});

	it('show an erased person under their pseudonym, as everywhere else', async () => {
		const { author, erased, admin } = people;
		const { id } = await addComment(t.db, author!, card.id, {
			body: `Dla ${mentionToken(erased!)}`
		});
		await erasePerson(t.db, admin!, erased!.id);
		const comment = await shown(id);
		expect(comment.html).toContain(`<span class="mention">@Osoba usunięta #${erased!.id}</span>`);
		expect(comment.html).not.toContain(erased!.name);
		expect(comment.body).not.toContain(erased!.name);
	});

	it('show a name as text, never as Markdown or HTML', async () => {
		const { author, renamed } = people;
		const { id } = await addComment(t.db, author!, card.id, {
			body: `Dla ${mentionToken(renamed!)}`
		});
		await rename(renamed!.id, '*Ewa* [link](https://example.test) <b>x</b>');
		const { html } = await shown(id);
		expect(html).toContain(
			'<span class="mention">@*Ewa* [link](https://example.test) &lt;b&gt;x&lt;/b&gt;</span>'
		);
		expect(html).not.toContain('<em>');
		expect(html).not.toContain('<a ');
	});
});

describe('notifications', () => {
	it('tell a person they were assigned, but not someone who took the card on themself', async () => {
		const fresh = await makeCard(
			t.db,
			board,
			board.columns[0],
			(
				await t.db
					.selectFrom('membership')
					.select('organizationId')
					.where('userId', '=', people.manager!.id)
					.executeTakeFirstOrThrow()
			).organizationId
		);
		await setAssignees(t.db, people.manager!, fresh.id, {
			userIds: [people.manager!.id, people.assignee!.id],
			version: fresh.version
		});
		expect(
			(await notificationsOf(people.assignee!.id)).filter((n) => n.cardId === fresh.id)
		).toMatchObject([{ type: 'assigned' }]);
		expect(
			(await notificationsOf(people.manager!.id)).filter((n) => n.cardId === fresh.id)
		).toEqual([]);
	});

	it('warn of a card due within 3 days or overdue, once per due date, and not when done', async () => {
		const due = async (date: string, column = board.columns[0]) => {
			const c = await makeCard(
				t.db,
				board,
				column,
				(
					await t.db
						.selectFrom('cardOrganization')
						.select('organizationId')
						.where('cardId', '=', card.id)
						.executeTakeFirstOrThrow()
				).organizationId
			);
			await t.db.updateTable('card').set({ dueDate: date }).where('id', '=', c.id).execute();
			await assignPeople(t.db, c.id, [people.colleague!.id]);
			return c.id;
		};
		const soon = await due('2026-11-25');
		const overdue = await due('2026-11-01');
		const later = await due('2026-12-20');
		const done = await due('2026-11-24', board.columns[3]);
		await sweepDueNotifications(t.db, '2026-11-23');
		await sweepDueNotifications(t.db, '2026-11-23');
		const warned = (await notificationsOf(people.colleague!.id))
			.filter((n) => n.type === 'due')
			.map((n) => n.cardId);
		expect(warned.sort()).toEqual([soon, overdue].sort());
		expect(warned).not.toContain(later);
		expect(warned).not.toContain(done);
		// Someone is assigned: the lead organisation's manager is not told as well.
		expect((await notificationsOf(people.manager!.id)).filter((n) => n.type === 'due')).toEqual([]);
	});

	it('warn every member of the lead organisation of a due card no one is assigned to', async () => {
		const lead = (
			await t.db
				.selectFrom('cardOrganization')
				.select('organizationId')
				.where('cardId', '=', card.id)
				.where('role', '=', 'lead')
				.executeTakeFirstOrThrow()
		).organizationId;
		const unassigned = await makeCard(t.db, board, board.columns[0], lead);
		await t.db
			.updateTable('card')
			.set({ dueDate: '2026-11-24' })
			.where('id', '=', unassigned.id)
			.execute();
		await sweepDueNotifications(t.db, '2026-11-23');
		const members = await t.db
			.selectFrom('membership')
			.innerJoin('user', 'user.id', 'membership.userId')
			.select('membership.userId')
			.where('membership.organizationId', '=', lead)
			.where('user.disabledAt', 'is', null)
			.execute();
		expect(members.length).toBeGreaterThan(1);
		for (const { userId } of members) {
			expect(
				(await notificationsOf(userId)).filter(
					(n) => n.type === 'due' && n.cardId === unassigned.id
				),
				`member ${userId}`
			).toHaveLength(1);
		}
	});

	it('are read one by one or all at once, each person only their own', async () => {
		const { assignee, colleague } = people;
		const unread = await unreadCount(t.db, assignee!.id);
		expect(unread).toBeGreaterThan(1);
		const [first] = await listNotifications(t.db, assignee!);
		await expect(markRead(t.db, colleague!, first!.id)).rejects.toBeInstanceOf(NotFoundError);
		expect(await unreadCount(t.db, assignee!.id)).toBe(unread);
		await markRead(t.db, assignee!, first!.id);
		expect(await unreadCount(t.db, assignee!.id)).toBe(unread - 1);
		expect(await markAllRead(t.db, assignee!)).toBe(unread - 1);
		expect(await unreadCount(t.db, assignee!.id)).toBe(0);
		expect(await unreadCount(t.db, colleague!.id)).toBeGreaterThan(0);
	});

	it('of a card no longer visible are not listed', async () => {
		const { outsider } = people;
		await t.db
			.insertInto('notification')
			.values({ userId: outsider!.id, type: 'assigned', cardId: card.id, actorId: null })
			.execute();
		expect(await unreadCount(t.db, outsider!.id)).toBe(1);
		expect(await listNotifications(t.db, outsider!)).toEqual([]);
	});
});
