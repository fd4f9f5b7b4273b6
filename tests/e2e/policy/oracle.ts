import { DEMO_BOARDS } from '../../../db/seed/boards-data';
import { DEMO_ACCOUNTS } from '../../../db/seed/users';

// The access rules restated from the issue, independently of src/lib/server/auth/policy.ts, over
// the demo seed's facts (memberships, board owners and participants, cards' lead and partners),
// by organisation name. The policy matrix compares the app's answers with what this says, so a
// change of the app's policy that breaks a rule fails the matrix instead of moving it along.

export type InstanceRole = 'admin' | 'coordinator' | 'member';

export interface Account {
	/** How a test names the account: `ngo@`, or `anonymous`. */
	key: string;
	/** null: the anonymous visitor. */
	email: string | null;
	role: InstanceRole | null;
	/** Organisation name → membership role. */
	orgs: ReadonlyMap<string, 'manager' | 'member'>;
}

export interface CardFacts {
	title: string;
	lead: string;
	partners: readonly string[];
}

export interface BoardFacts {
	title: string;
	owner: string;
	/** The organisations taking part in the board, the owner included. */
	participants: readonly string[];
	/** The board's live cards: a card's lead and partners see the board. */
	cards: readonly CardFacts[];
}

export const ANONYMOUS: Account = { key: 'anonymous', email: null, role: null, orgs: new Map() };

/** The five demo accounts, as the seed defines them, and the anonymous visitor last. */
export const ACCOUNTS: readonly Account[] = [
	...DEMO_ACCOUNTS.map((a) => ({
		key: `${a.email.split('@')[0]}@`,
		email: a.email,
		role: a.role,
		orgs: new Map(a.organization ? [[a.organization, a.membershipRole] as const] : [])
	})),
	ANONYMOUS
];

/** A seed card's facts: the lead defaults to the board's owner. */
function seedCard(owner: string, card: (typeof DEMO_BOARDS)[number]['cards'][number]): CardFacts {
	return { title: card.title, lead: card.lead ?? owner, partners: card.partners ?? [] };
}

/** The four demo boards as the seed defines them, every seed card live. */
export const SEED_BOARDS: readonly BoardFacts[] = DEMO_BOARDS.map((b) => ({
	title: b.title,
	owner: b.owner,
	participants: [b.owner, ...b.participants],
	cards: b.cards.map((c) => seedCard(b.owner, c))
}));

export function seedBoard(title: string): BoardFacts {
	const board = SEED_BOARDS.find((b) => b.title === title);
	if (!board) throw new Error(`no seed board "${title}"`);
	return board;
}

export function seedCardOf(board: BoardFacts, title: string): CardFacts {
	const card = board.cards.find((c) => c.title === title);
	if (!card) throw new Error(`no seed card "${title}" on "${board.title}"`);
	return card;
}

// ── The rules ──────────────────────────────────────────────────────────────────────────────────

const signedIn = (a: Account) => a.role !== null;
/** Administrators and coordinators see and edit everything. */
const staff = (a: Account) => a.role === 'admin' || a.role === 'coordinator';
const memberOf = (a: Account, org: string) => a.orgs.has(org);
const managerOf = (a: Account, org: string) => a.orgs.get(org) === 'manager';
const leadOrPartner = (a: Account, c: CardFacts) =>
	memberOf(a, c.lead) || c.partners.some((p) => memberOf(a, p));

export const rules = {
	/** Only administrators manage people. */
	administer: (a: Account) => a.role === 'admin',
	/**
	 * Members of an organisation see its boards; every participant of a joint board sees it; an
	 * organisation that leads or partners a live card on a board sees that board.
	 */
	seeBoard: (a: Account, b: BoardFacts) =>
		signedIn(a) &&
		(staff(a) ||
			b.participants.some((o) => memberOf(a, o)) ||
			b.cards.some((c) => leadOrPartner(a, c))),
	/** A card is visible to its lead and partners and to the board's owner (not to other participants). */
	seeCard: (a: Account, b: BoardFacts, c: CardFacts) =>
		signedIn(a) && (staff(a) || memberOf(a, b.owner) || leadOrPartner(a, c)),
	/** Lead and partner members move a card; so do those who may edit it. */
	moveCard: (a: Account, b: BoardFacts, c: CardFacts) =>
		rules.seeCard(a, b, c) && (leadOrPartner(a, c) || rules.editCard(a, b, c)),
	/** Only lead members, board managers (managers of the owner) and staff edit, archive, restore. */
	editCard: (a: Account, b: BoardFacts, c: CardFacts) =>
		rules.seeCard(a, b, c) && (staff(a) || memberOf(a, c.lead) || managerOf(a, b.owner)),
	/** Organisation managers manage their organisation's boards and columns. */
	manageBoard: (a: Account, b: BoardFacts) =>
		rules.seeBoard(a, b) && (staff(a) || managerOf(a, b.owner)),
	/** Cards are added by the board's participants (owner included), not by a mere card partner. */
	createCard: (a: Account, b: BoardFacts) =>
		rules.seeBoard(a, b) && (staff(a) || b.participants.some((o) => memberOf(a, o)))
};

// ── What each request must answer ──────────────────────────────────────────────────────────────

/**
 * An expected answer: an HTTP status for pages; for form actions the status SvelteKit reports
 * (a failure's in its JSON body, an error's as the HTTP status). 303 is the way to /login.
 * `code` is the domain error key of a failure, `field` the field a 400 must name.
 */
export interface Expected {
	status: 200 | 303 | 400 | 403 | 404 | 409;
	code?: string;
	field?: string;
}

const LOGIN: Expected = { status: 303 };
const HIDDEN: Expected = { status: 404 };
const FORBIDDEN: Expected = { status: 403 };
/** Every allowed card change names a stale version, so it is refused and writes nothing. */
const STALE: Expected = { status: 409, code: 'card_stale' };

export type BoardAction = 'board page' | 'settings page' | 'create' | 'settings add';
export type CardAction = 'card page' | 'move' | 'update' | 'archive' | 'restore' | 'comment';

export const BOARD_ACTIONS: readonly BoardAction[] = [
	'board page',
	'settings page',
	'create',
	'settings add'
];
export const CARD_ACTIONS: readonly CardAction[] = [
	'card page',
	'move',
	'update',
	'archive',
	'restore',
	'comment'
];

export function expectBoard(a: Account, b: BoardFacts, action: BoardAction): Expected {
	if (!signedIn(a)) return LOGIN;
	switch (action) {
		case 'board page':
			return rules.seeBoard(a, b) ? { status: 200 } : HIDDEN;
		// Settings exist only for managers: everyone else gets the 404 of a page that is not there.
		case 'settings page':
			return rules.manageBoard(a, b) ? { status: 200 } : HIDDEN;
		case 'settings add':
			return rules.manageBoard(a, b) ? { status: 400, field: 'title' } : HIDDEN;
		// A column of another board: an allowed create is refused naming the column; a board seen
		// only through a partnered card refuses new cards outright.
		case 'create':
			if (rules.createCard(a, b)) return { status: 400, field: 'columnId' };
			return rules.seeBoard(a, b) ? FORBIDDEN : HIDDEN;
	}
}

export function expectCard(a: Account, b: BoardFacts, c: CardFacts, action: CardAction): Expected {
	if (!signedIn(a)) return LOGIN;
	if (!rules.seeCard(a, b, c)) return HIDDEN;
	switch (action) {
		case 'card page':
			return { status: 200 };
		case 'move':
			return rules.moveCard(a, b, c) ? STALE : FORBIDDEN;
		case 'update':
		case 'archive':
		case 'restore':
			return rules.editCard(a, b, c) ? STALE : FORBIDDEN;
		// Whoever may move a card may comment on it; the comment sent mentions nobody who may see
		// the card, so an allowed one is refused naming its body, and nothing is written.
		case 'comment':
			return rules.moveCard(a, b, c) ? { status: 400, field: 'body' } : FORBIDDEN;
	}
}

export function expectAdminPage(a: Account): Expected {
	if (!signedIn(a)) return LOGIN;
	return rules.administer(a) ? { status: 200 } : HIDDEN;
}

export function describeExpected(e: Expected): string {
	return e.status === 303 ? '303 /login' : String(e.status);
}
