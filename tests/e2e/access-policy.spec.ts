import { expect, test, type APIRequestContext } from '@playwright/test';
import { clientFor, getData, getPage } from './policy/client';
import {
	ACCOUNTS,
	BOARD_ACTIONS,
	CARD_ACTIONS,
	SEED_BOARDS,
	describeExpected,
	expectAdminPage,
	expectBoard,
	expectCard,
	rules,
	seedBoard,
	seedCardOf,
	type Account,
	type BoardFacts
} from './policy/oracle';
import { boardRequest, cardRequest, check } from './policy/requests';
import {
	factsOf,
	loadWorld,
	readBoard,
	snapshot,
	worldBoard,
	worldCard,
	type World,
	type WorldBoard
} from './policy/world';

// The access policy as a matrix: every demo account (and an anonymous visitor) × the four demo
// boards and a card for each rule × every page and action, each answer compared with what an
// independent restatement of the rules (./policy/oracle.ts) expects. Allowed changes name a stale
// version or an invalid field, so that nothing is written: the last test checks that nothing was.
// Then the lists: the board list, board pages and goal pages show exactly what the account may see.

const [COORDINATION, EDUCATION, NGO, JOINT] = SEED_BOARDS.map((b) => b.title) as [
	string,
	string,
	string,
	string
];

/** One card per rule, by its seed title; why each is here is beside it. */
const CARDS: readonly (readonly [board: string, card: string])[] = [
	// Led by the owner, no partners: hidden from ngo@, which sees the board through other cards.
	[COORDINATION, 'Mapa inicjatyw międzysektorowych – baza partnerów'],
	// The NGO partners it: ngo@ sees and moves it, may not edit it.
	[COORDINATION, 'Forum Organizacji Pozarządowych – edycja jesienna'],
	// Led by Wydział Edukacji, no partners: its member edits it, ngo@ does not see it.
	[EDUCATION, 'Targi edukacyjne szkół ponadpodstawowych'],
	// Led by Wydział Edukacji with the NGO as partner.
	[EDUCATION, 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026'],
	// The NGO's own card: hidden from wydzial@, which sees the NGO's board as a partner elsewhere.
	[NGO, 'Klub Młodego Lidera – spotkania co miesiąc'],
	// Wydział Edukacji partners the NGO's card: wydzial@ moves it, may not edit it.
	[NGO, 'Szkolenie trenerów edukacji pozaformalnej – moduł II'],
	// Led by the county office, which owns the joint board: powiat@ edits it.
	[JOINT, 'Jednolite oznakowanie tras rowerowych powiatu'],
	// Led by a municipality without the county office: powiat@ sees it (owner), may not move it.
	[JOINT, 'Odcinek Obrowo – Dobrzejewice'],
	// Led by a municipality with the county office as partner: powiat@ moves it, may not edit it.
	[JOINT, 'Odcinek Chełmża – Kończewice']
];

const short = (title: string) => (title.length > 42 ? `${title.slice(0, 40)}…` : title);
const SIGNED_IN = ACCOUNTS.filter((a) => a.email);

let baseURL: string;
let world: World;
const clients = new Map<string, APIRequestContext>();
const client = (a: Account) => clients.get(a.key)!;

test.beforeAll(async ({ playwright }, testInfo) => {
	baseURL = testInfo.project.use.baseURL!;
	for (const account of ACCOUNTS)
		clients.set(account.key, await clientFor(playwright, baseURL, account));
	world = await loadWorld(clients.get('koordynator@')!, new URL(baseURL).port);
});

test.afterAll(async () => {
	for (const ctx of clients.values()) await ctx.dispose();
	clients.clear();
});

/** A board's cards the account may see, by the oracle. */
function visibleCards(account: Account, board: WorldBoard, facts: BoardFacts) {
	return board.cards.filter((c, i) => rules.seeCard(account, facts, facts.cards[i]!));
}

/** The titles that must not be anywhere in a page: hidden ones, unless part of a visible one. */
function mustNotAppear(hidden: string[], shown: string[]) {
	return hidden.filter((h) => !shown.some((s) => s.includes(h)));
}

test('the seed facts the oracle uses are what the app holds', () => {
	for (const seed of SEED_BOARDS) {
		const board = worldBoard(world, seed.title);
		expect(board.owner).toBe(seed.owner);
		expect([...board.participants].sort()).toEqual([...seed.participants].sort());
		for (const card of board.cards) {
			const facts = seed.cards.find((c) => c.title === card.title);
			if (!facts) continue; // added or renamed by another spec: its facts are read from the app
			expect({ title: card.title, lead: card.lead, partners: [...card.partners].sort() }).toEqual({
				...facts,
				partners: [...facts.partners].sort()
			});
		}
	}
	for (const [board, card] of CARDS) worldCard(worldBoard(world, board), card);
});

test.describe('lists show exactly what the account may see', () => {
	for (const account of SIGNED_IN) {
		test(`${account.key} · board list: its boards, card counts of visible cards only`, async () => {
			// The embedded database's current_date is the UTC date.
			const today = new Date().toISOString().slice(0, 10);
			const expected = world.boards
				.map((b) => ({ board: b, facts: factsOf(b) }))
				.filter(({ facts }) => rules.seeBoard(account, facts))
				.map(({ board, facts }) => {
					const cards = visibleCards(account, board, facts);
					return {
						title: board.title,
						cardCount: cards.length,
						doneCount: cards.filter((c) => c.status === 'done').length,
						overdueCount: cards.filter(
							(c) => c.status !== 'done' && c.dueDate !== null && c.dueDate < today
						).length
					};
				})
				.sort((a, b) => a.title.localeCompare(b.title));
			const res = await getData(client(account), '/boards');
			expect(res.status).toBe(200);
			const shown = (res.data.boards as Record<string, unknown>[])
				.map((b) => ({
					title: b.title,
					cardCount: b.cardCount,
					doneCount: b.doneCount,
					overdueCount: b.overdueCount
				}))
				.sort((a, b) => String(a.title).localeCompare(String(b.title)));
			expect(shown).toEqual(expected);

			const html = (await getPage(client(account), '/boards')).body;
			for (const board of world.boards) {
				if (expected.some((e) => e.title === board.title)) expect(html).toContain(board.title);
				else expect(html).not.toContain(board.title);
			}
		});

		for (const title of SEED_BOARDS.map((b) => b.title)) {
			test(`${account.key} · board '${short(title)}' shows exactly the cards it may see`, async () => {
				const board = worldBoard(world, title);
				const facts = factsOf(board);
				const visible = visibleCards(account, board, facts).map((c) => c.title);
				const hidden = board.cards.map((c) => c.title).filter((t) => !visible.includes(t));
				const res = await getData(client(account), `/boards/${board.id}`);
				const html = (await getPage(client(account), `/boards/${board.id}`)).body;
				if (!rules.seeBoard(account, facts)) {
					expect(res.status).toBe(404);
					for (const text of [res.body, html]) {
						expect(text).not.toContain(board.title);
						for (const t of hidden) expect(text).not.toContain(t);
					}
					return;
				}
				expect(res.status).toBe(200);
				// The board offers only the controls the account may use.
				expect(res.data.canManage, 'canManage').toBe(rules.manageBoard(account, facts));
				expect(res.data.canCreate, 'canCreate').toBe(rules.createCard(account, facts));
				const cards = res.data.tiles as { title: string; columnId: number }[];
				expect(cards.map((c) => c.title).sort()).toEqual([...visible].sort());
				// Every column is there, whichever cards it holds for this account.
				const columns = res.data.columns as { id: number }[];
				expect(columns.map((c) => c.id)).toEqual(board.columns.map((c) => c.id));
				for (const t of visible) expect(html).toContain(t);
				for (const t of mustNotAppear(hidden, visible)) {
					expect(html).not.toContain(t);
					expect(res.body).not.toContain(t);
				}
			});
		}

		test(`${account.key} · goal pages list only cards it may see`, async () => {
			const byId = new Map(
				world.boards.flatMap((b) => {
					const facts = factsOf(b);
					return b.cards.map((c, i) => [c.id, { facts, card: c, i }] as const);
				})
			);
			for (const goal of world.goals) {
				const all = goal.cards.map((c) => byId.get(c.id)!);
				const visible = all.filter((x) => rules.seeCard(account, x.facts, x.facts.cards[x.i]!));
				const hidden = all.filter((x) => !visible.includes(x)).map((x) => x.card.title);
				const res = await getData(client(account), `/goals/${goal.id}`);
				expect(res.status, goal.label).toBe(200);
				const cards = res.data.cards as { id: number }[];
				expect(cards.map((c) => c.id).sort(), goal.label).toEqual(
					visible.map((x) => x.card.id).sort()
				);
				// The progress shown is made of the same cards: no count of hidden ones.
				const progress = res.data.progress as {
					subtree: Record<string, number>;
					progress: { total: number; done: number };
				};
				for (const status of ['todo', 'in_progress', 'blocked', 'done'])
					expect(progress.subtree[status], `${goal.label}: ${status}`).toBe(
						visible.filter((x) => x.card.status === status).length
					);
				expect(progress.progress.total, goal.label).toBe(visible.length);
				// A new card for the goal is offered only on boards where the account may add one.
				const offered = (res.data.boardsForNewCard as { title: string }[]).map((b) => b.title);
				expect(offered.sort(), `${goal.label}: boards offered for a new card`).toEqual(
					world.boards
						.filter((b) => b.strategyId === goal.strategyId)
						.filter((b) => rules.createCard(account, factsOf(b)))
						.map((b) => b.title)
						.sort()
				);
				const html = (await getPage(client(account), `/goals/${goal.id}`)).body;
				const shown = visible.map((x) => x.card.title);
				for (const t of shown) expect(html).toContain(t);
				for (const t of mustNotAppear(hidden, shown)) {
					expect(html, goal.label).not.toContain(t);
					expect(res.body, goal.label).not.toContain(t);
				}
			}
		});

		test(`${account.key} · every card: its page, and the edit and move it is offered`, async () => {
			for (const board of world.boards) {
				const facts = factsOf(board);
				for (const [i, card] of board.cards.entries()) {
					const cardFacts = facts.cards[i]!;
					const res = await getData(client(account), `/boards/${board.id}/cards/${card.id}`);
					const seen = rules.seeCard(account, facts, cardFacts);
					const what = `'${card.title}' on '${board.title}'`;
					expect.soft(res.status, what).toBe(seen ? 200 : 404);
					if (!seen) {
						expect.soft(res.body, what).not.toContain(card.title);
						continue;
					}
					expect
						.soft(res.data.canEdit, `${what}: canEdit`)
						.toBe(rules.editCard(account, facts, cardFacts));
					expect
						.soft(res.data.canMove, `${what}: canMove`)
						.toBe(rules.moveCard(account, facts, cardFacts));
				}
			}
		});
	}

	test('anonymous · board list → 303 /login', async () => {
		const res = await getPage(client(ACCOUNTS.at(-1)!), '/boards');
		check(res, { status: 303 }, '');
	});
});

// ── The matrix ──────────────────────────────────────────────────────────────────────────────────

test.describe('policy matrix', () => {
	for (const account of ACCOUNTS) {
		for (const title of SEED_BOARDS.map((b) => b.title)) {
			for (const action of BOARD_ACTIONS) {
				const expected = expectBoard(account, seedBoard(title), action);
				test(`${account.key} · board '${short(title)}' · ${action} → ${describeExpected(expected)}`, async () => {
					const board = worldBoard(world, title);
					const observed = await boardRequest(client(account), baseURL, world, board, action);
					check(observed, expected, board.title);
					if (expected.status === 200) expect(observed.body).toContain(board.title);
				});
			}
		}

		for (const [boardTitle, cardTitle] of CARDS) {
			const facts = seedBoard(boardTitle);
			for (const action of CARD_ACTIONS) {
				const expected = expectCard(account, facts, seedCardOf(facts, cardTitle), action);
				test(`${account.key} · card '${short(cardTitle)}' · ${action} → ${describeExpected(expected)}`, async () => {
					const board = worldBoard(world, boardTitle);
					const card = worldCard(board, cardTitle);
					const observed = await cardRequest(client(account), baseURL, board, card, action);
					check(observed, expected, cardTitle);
					if (expected.status === 200) expect(observed.body).toContain(cardTitle);
				});
			}
		}

		const admin = expectAdminPage(account);
		test(`${account.key} · /admin/users → ${describeExpected(admin)}`, async () => {
			check(await getPage(client(account), '/admin/users'), admin, 'admin@torun.example');
		});
	}
});

test('nothing changed: every board as the coordinator sees it is as it was', async () => {
	const staff = clients.get('koordynator@')!;
	const now = [];
	for (const board of world.boards) now.push(await readBoard(staff, board.id));
	expect(snapshot(now)).toEqual(snapshot(world.boards));
	const list = await getData(staff, '/boards');
	expect((list.data.boards as { id: number }[]).map((b) => b.id).sort()).toEqual(
		world.boards.map((b) => b.id).sort()
	);
});
