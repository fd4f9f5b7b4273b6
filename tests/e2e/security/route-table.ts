import type { Resources } from './resources';

// The route policy, declared: every page, form action and endpoint method of the route tree (see
// ./routes.ts), who may use it and what each demo account and an anonymous visitor gets. A route
// or action missing here fails the suite, and so does an entry whose route is not in the tree.
//
// Answers: `200`; `303 login` (to the sign-in page); `303` (a redirect elsewhere); `400` (the
// input is refused: the request got past the access check); `401`; `403` (seen but not allowed);
// `404` (not there for this account); `409` (allowed, but refused as stale or in conflict).
// A change an allowed account may make is sent so that it is refused (a stale version, a field
// that does not validate, a taken code), so that checking the table writes nothing.

export const WHO = ['admin@', 'koordynator@', 'wydzial@', 'ngo@', 'powiat@', 'anonymous'] as const;
export type Who = (typeof WHO)[number];
export type Answers = Record<Who, string>;

export interface Entry {
	route: string;
	/** `GET`, an endpoint's method, or `?/action`. */
	op: string;
	/** Who may use it, in words: the table is read by people. */
	who: string;
	/** The URL asked, its parameters filled from the seed. */
	path: (r: Resources) => string;
	/** A form action's fields; the same for every account. */
	form?: (r: Resources) => Record<string, string>;
	expect: Answers;
}

/** Answers by account, in WHO's order. */
const by = (...a: [string, string, string, string, string, string]): Answers =>
	Object.fromEntries(WHO.map((w, i) => [w, a[i]!])) as Answers;
/** Signed-in people get `signed`, the anonymous visitor the sign-in page. */
const signedIn = (signed: string) => by(signed, signed, signed, signed, signed, '303 login');
const everyone = (answer: string) => by(answer, answer, answer, answer, answer, answer);
/** The administrator gets `yes`; everyone else signed in a 404. */
const adminOnly = (yes: string) => by(yes, '404', '404', '404', '404', '303 login');
/** Administrator and coordinator get `yes`; the others a 404. */
const staffOnly = (yes: string) => by(yes, yes, '404', '404', '404', '303 login');

const board = (r: Resources) => `/boards/${r.boardId}`;
const card = (r: Resources) => `/boards/${r.boardId}/cards/${r.cardId}`;
const comments = (r: Resources) => `${card(r)}/comments`;
const reports = (r: Resources) => `${card(r)}/reports`;
const goal = (r: Resources) => `/goals/${r.goalId}`;
const user = (r: Resources) => `/admin/users/${r.adminId}`;
const STALE = '999999';
const NONE = '999999999';
const NO_FILE = '00000000-0000-4000-8000-000000000000';

/** wydzial@ manages the board and leads the card, ngo@ partners it, powiat@ sees neither. */
const editCard = by('409', '409', '409', '403', '404', '303 login');
const moveCard = by('409', '409', '409', '409', '404', '303 login');
const manageBoard = by('400', '400', '400', '404', '404', '303 login');
/** Goal-tree editing is the coordinator's (and administrator's); for the others it is not there. */
const editTree = (yes: string) => staffOnly(yes);

// prettier-ignore
export const ROUTE_TABLE: readonly Entry[] = [
	// ── Public and session ──
	{ route: '/login', op: 'GET', who: 'anonymous; signed-in go home', path: () => '/login', expect: by('303', '303', '303', '303', '303', '200') },
	{ route: '/login', op: '?/default', who: 'anyone (refused: no password)', path: () => '/login', form: () => ({ email: 'x@torun.example', password: '' }), expect: everyone('400') },
	{ route: '/logout', op: 'GET', who: 'anyone: back home', path: () => '/logout', expect: by('303', '303', '303', '303', '303', '303 login') },
	// Checked with a session of its own (see the spec): signing out ends only that session.
	{ route: '/logout', op: '?/default', who: 'anyone: to the sign-in page', path: () => '/logout', form: () => ({}), expect: everyone('303 login') },
	{ route: '/language', op: 'GET', who: 'anyone: back home', path: () => '/language', expect: everyone('303') },
	{ route: '/language', op: '?/default', who: 'anyone (refused: no such language)', path: () => '/language', form: () => ({ locale: 'xx', redirectTo: '/' }), expect: everyone('400') },
	{ route: '/theme', op: 'GET', who: 'anyone: back home', path: () => '/theme', expect: everyone('303') },
	{ route: '/theme', op: '?/default', who: 'anyone (refused: no such theme)', path: () => '/theme', form: () => ({ theme: 'pink', redirectTo: '/' }), expect: everyone('400') },
	{ route: '/api/health', op: 'GET', who: 'anyone', path: () => '/api/health', expect: everyone('200') },
	{ route: '/public', op: 'GET', who: 'anyone', path: () => '/public', expect: everyone('200') },
	{ route: '/public/deklaracja-dostepnosci', op: 'GET', who: 'anyone', path: () => '/public/deklaracja-dostepnosci', expect: everyone('200') },
	{ route: '/public/events', op: 'GET', who: 'anyone', path: () => '/public/events', expect: everyone('200') },
	// An e-mail's unsubscribe link: no session, its signed token decides (here none: refused).
	{ route: '/email/unsubscribe', op: 'GET', who: 'anyone with a signed token: asks first (refused: forged)', path: () => '/email/unsubscribe?t=1.due.forged', expect: everyone('400') },
	{ route: '/email/unsubscribe', op: '?/default', who: 'anyone with a signed token (refused: forged)', path: () => '/email/unsubscribe?t=1.due.forged', form: () => ({ 'List-Unsubscribe': 'One-Click' }), expect: everyone('400') },

	// ── Anyone signed in ──
	{ route: '/', op: 'GET', who: 'signed in', path: () => '/', expect: signedIn('200') },
	{ route: '/boards', op: 'GET', who: 'signed in', path: () => '/boards', expect: signedIn('200') },
	{ route: '/dashboard', op: 'GET', who: 'signed in', path: () => '/dashboard', expect: signedIn('200') },
	{ route: '/my-work', op: 'GET', who: 'signed in', path: () => '/my-work', expect: signedIn('200') },
	{ route: '/my-reports', op: 'GET', who: 'signed in', path: () => '/my-reports', expect: signedIn('200') },
	{ route: '/notifications', op: 'GET', who: 'signed in', path: () => '/notifications', expect: signedIn('200') },
	{ route: '/account/email', op: 'GET', who: 'signed in, own preferences', path: () => '/account/email', expect: signedIn('200') },
	{ route: '/account/email', op: '?/default', who: 'signed in, own preferences (refused: no choice)', path: () => '/account/email', form: () => ({ mentioned: 'sometimes' }), expect: signedIn('400') },
	{ route: '/notifications', op: '?/read', who: 'signed in, own notifications', path: () => '/notifications', form: () => ({ id: NONE }), expect: signedIn('404') },
	{ route: '/notifications', op: '?/readAll', who: 'signed in, own notifications', path: () => '/notifications', form: () => ({}), expect: signedIn('200') },
	{ route: '/strategies', op: 'GET', who: 'signed in', path: () => '/strategies', expect: signedIn('200') },
	{ route: '/strategies/[slug]', op: 'GET', who: 'signed in', path: (r) => `/strategies/${r.slug}`, expect: signedIn('200') },
	{ route: '/strategies/[slug]', op: '?/addGoal', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}`, form: () => ({ code: '1', title: 'Polityka tras: zajęty numer' }), expect: editTree('400') },
	{ route: '/goals/[id]', op: 'GET', who: 'signed in', path: goal, expect: signedIn('200') },
	{ route: '/goals/[id]/new-card', op: 'GET', who: 'signed in: a board it may add cards to', path: (r) => `${goal(r)}/new-card?board=${r.boardId}`, expect: by('303', '303', '303', '404', '404', '303 login') },

	// ── The goal tree: coordinator and administrator ──
	{ route: '/goals/[id]', op: '?/update', who: 'coordinator, admin', path: goal, form: () => ({ code: '1.2', title: 'Polityka tras: zajęty numer' }), expect: editTree('400') },
	{ route: '/goals/[id]', op: '?/addChild', who: 'coordinator, admin', path: goal, form: () => ({ code: '1.1.1', title: 'Polityka tras: zajęty numer' }), expect: editTree('400') },
	{ route: '/goals/[id]', op: '?/move', who: 'coordinator, admin', path: goal, form: () => ({ childId: NONE, direction: 'up' }), expect: editTree('404') },
	{ route: '/goals/[id]', op: '?/delete', who: 'coordinator, admin (refused: cards link to it)', path: goal, form: () => ({}), expect: editTree('409') },
	{ route: '/goals/[id]', op: '?/preview', who: 'coordinator, admin', path: goal, form: () => ({ text: 'bez numeru' }), expect: editTree('200') },
	{ route: '/goals/[id]', op: '?/import', who: 'coordinator, admin', path: goal, form: () => ({ text: 'bez numeru' }), expect: editTree('400') },
	{ route: '/goals/[id]', op: '?/indicator', who: 'coordinator, admin', path: goal, form: () => ({ name: 'Polityka tras', unit: 'szt.', baselineValue: '1', baselineYear: '2020', targetValue: '2', targetYear: '2028', direction: 'up', aggregation: 'sum', frequency: 'yearly', responsibleOrganizationId: NONE }), expect: by('400', '400', '403', '403', '403', '303 login') },
	{ route: '/goals/[id]', op: '?/indicatorValue', who: 'coordinator, admin, the responsible organisation', path: goal, form: () => ({ indicatorId: NONE, periodStart: '2026-01-01', periodEnd: '2026-01-31', value: '1', source: 'Polityka tras' }), expect: by('404', '404', '403', '403', '403', '303 login') },

	// ── A board and a card ──
	{ route: '/boards/[id]', op: 'GET', who: 'who sees the board', path: board, expect: by('200', '200', '200', '200', '404', '303 login') },
	{ route: '/boards/[id]', op: '?/create', who: 'board managers and members of its organisations', path: board, form: () => ({ title: 'Polityka tras', columnId: NONE, leadId: '', description: '', goalId: '', priority: 'normal', labels: '', startDate: '', dueDate: '' }), expect: by('400', '400', '400', '403', '404', '303 login') },
	{ route: '/boards/[id]', op: '?/move', who: 'who may move the card', path: board, form: (r) => ({ cardId: String(r.cardId), columnId: NONE, afterId: '', version: STALE }), expect: moveCard },
	{ route: '/boards/[id]/settings', op: 'GET', who: 'board managers', path: (r) => `${board(r)}/settings`, expect: by('200', '200', '200', '404', '404', '303 login') },
	{ route: '/boards/[id]/settings', op: '?/add', who: 'board managers', path: (r) => `${board(r)}/settings`, form: () => ({ title: '', status: 'todo', wipLimit: '' }), expect: manageBoard },
	{ route: '/boards/[id]/settings', op: '?/update', who: 'board managers', path: (r) => `${board(r)}/settings`, form: () => ({}), expect: manageBoard },
	{ route: '/boards/[id]/settings', op: '?/move', who: 'board managers', path: (r) => `${board(r)}/settings`, form: () => ({}), expect: manageBoard },
	{ route: '/boards/[id]/settings', op: '?/labels', who: 'board managers', path: (r) => `${board(r)}/settings`, form: () => ({ label: 'x' }), expect: manageBoard },
	{ route: '/boards/[id]/settings', op: '?/remove', who: 'board managers', path: (r) => `${board(r)}/settings`, form: () => ({}), expect: manageBoard },
	{ route: '/boards/[id]/cards/[cardId]', op: 'GET', who: 'who sees the card', path: card, expect: by('200', '200', '200', '200', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/update', who: 'who may edit the card', path: card, form: () => ({ title: 'Polityka tras', description: '', goalId: '', priority: 'normal', labels: '', startDate: '', dueDate: '', version: STALE }), expect: editCard },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/archive', who: 'who may edit the card', path: card, form: () => ({ version: STALE }), expect: editCard },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/restore', who: 'who may edit the card', path: card, form: () => ({ version: STALE }), expect: editCard },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/organizations', who: 'who may edit the card', path: card, form: () => ({ version: STALE, leadId: NONE }), expect: editCard },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/assignees', who: 'who may edit the card', path: card, form: () => ({ version: STALE }), expect: editCard },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/preview', who: 'who sees the card (writes nothing)', path: card, form: () => ({ kind: 'comment', text: '**Polityka tras** @[Nikt](user:999999999)' }), expect: by('200', '200', '200', '200', '404', '303 login') },
	// An empty upload is refused (400) once the card is known to be attachable, so nothing is stored.
	{ route: '/boards/[id]/cards/[cardId]/attachments', op: 'POST', who: 'who may move the card', path: (r) => `${card(r)}/attachments`, expect: by('400', '400', '400', '400', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/removeAttachment', who: 'who may move the card', path: card, form: () => ({ attachmentId: NONE }), expect: by('404', '404', '404', '404', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]', op: '?/cover', who: 'who may edit the card', path: card, form: () => ({ attachmentId: NONE }), expect: by('404', '404', '404', '403', '404', '303 login') },
	{ route: '/files/[key]', op: 'GET', who: 'who sees the file\u2019s card', path: () => `/files/${NO_FILE}`, expect: signedIn('404') },
	{ route: '/files/[key]/thumbnail', op: 'GET', who: 'who sees the file\u2019s card', path: () => `/files/${NO_FILE}/thumbnail`, expect: signedIn('404') },
	{ route: '/boards/[id]/cards/[cardId]/comments', op: 'GET', who: 'who sees the board: on to the card, which decides', path: comments, expect: by('303', '303', '303', '303', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/comments', op: '?/add', who: 'who may move the card', path: comments, form: () => ({ body: 'Polityka tras: @[Nikt](user:999999999)' }), expect: by('400', '400', '400', '400', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/comments', op: '?/edit', who: 'the comment\u2019s author', path: comments, form: () => ({ commentId: NONE, body: 'Polityka tras' }), expect: by('404', '404', '404', '404', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/comments', op: '?/delete', who: 'the comment\u2019s author', path: comments, form: () => ({ commentId: NONE }), expect: by('404', '404', '404', '404', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/reports', op: 'GET', who: 'who sees the board: on to the card, which decides', path: reports, expect: by('303', '303', '303', '303', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/reports', op: '?/save', who: 'members of the card\u2019s organisations, for their own', path: reports, form: () => ({ organizationId: NONE, periodStart: '2026-01-01', periodEnd: '2026-01-31', summary: 'Polityka tras', participants: '', outputs: '', links: '' }), expect: by('403', '403', '400', '400', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/reports', op: '?/submit', who: 'the report\u2019s author', path: reports, form: () => ({ reportId: NONE }), expect: by('404', '404', '404', '404', '404', '303 login') },
	{ route: '/boards/[id]/cards/[cardId]/reports', op: '?/review', who: 'coordinator, the lead\u2019s managers', path: reports, form: () => ({ reportId: NONE, version: '1', decision: 'accept' }), expect: by('404', '404', '404', '404', '404', '303 login') },
	{ route: '/api/boards/[id]/events', op: 'GET', who: 'who sees the board', path: (r) => `/api/boards/${r.boardId}/events?after=0`, expect: by('200', '200', '200', '200', '404', '401') },

	// ── Coordination: coordinator and administrator ──
	{ route: '/audit', op: 'GET', who: 'coordinator, admin', path: () => '/audit', expect: staffOnly('200') },
	{ route: '/audit/export.csv', op: 'GET', who: 'coordinator, admin', path: () => '/audit/export.csv', expect: staffOnly('200') },
	{ route: '/strategies/[slug]/report', op: 'GET', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}/report`, expect: staffOnly('200') },
	{ route: '/strategies/[slug]/report/[table].csv', op: 'GET', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}/report/activities.csv`, expect: staffOnly('200') },
	// Reporting cycles: everyone signed in sees the list and a cycle (an organisation its own part);
	// the coordinator opens (refused here: a goal of no strategy) and closes (refused: closed).
	{ route: '/strategies/[slug]/cycles', op: 'GET', who: 'signed in', path: (r) => `/strategies/${r.slug}/cycles`, expect: signedIn('200') },
	{ route: '/strategies/[slug]/cycles', op: '?/open', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}/cycles`, form: () => ({ title: 'Polityka tras', periodStart: '2026-01-01', periodEnd: '2026-12-31', deadline: '2027-01-31', remindBefore: '14, 3', remindAfter: '1', goalIds: NONE }), expect: by('400', '400', '403', '403', '403', '303 login') },
	{ route: '/strategies/[slug]/cycles/[id]', op: 'GET', who: 'signed in: an organisation its own part', path: (r) => `/strategies/${r.slug}/cycles/${r.cycleId}`, expect: signedIn('200') },
	{ route: '/strategies/[slug]/cycles/[id]', op: '?/close', who: 'coordinator, admin (refused: already closed)', path: (r) => `/strategies/${r.slug}/cycles/${r.closedCycleId}`, form: () => ({ confirm: 'on' }), expect: by('409', '409', '403', '403', '403', '303 login') },
	{ route: '/strategies/[slug]/cycles/[id]/cycle.xlsx', op: 'GET', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}/cycles/${r.cycleId}/cycle.xlsx`, expect: staffOnly('200') },
	{ route: '/strategies/[slug]/report/monitoring.xlsx', op: 'GET', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}/report/monitoring.xlsx`, expect: staffOnly('200') },

	// ── Administration: the administrator ──
	{ route: '/admin', op: 'GET', who: 'admin: on to people', path: () => '/admin', expect: adminOnly('303') },
	{ route: '/admin/users', op: 'GET', who: 'admin', path: () => '/admin/users', expect: adminOnly('200') },
	{ route: '/admin/users/new', op: 'GET', who: 'admin', path: () => '/admin/users/new', expect: adminOnly('200') },
	{ route: '/admin/users/new', op: '?/default', who: 'admin', path: () => '/admin/users/new', form: () => ({ email: 'admin@torun.example', name: 'Polityka tras', role: 'admin', password: 'polityka-tras-2028' }), expect: adminOnly('400') },
	{ route: '/admin/users/[id]', op: 'GET', who: 'admin', path: (r) => `/admin/users/${r.personId}`, expect: adminOnly('200') },
	{ route: '/admin/users/[id]', op: '?/update', who: 'admin (refused: own role)', path: user, form: () => ({ email: 'admin@torun.example', name: 'Administrator', role: 'member' }), expect: adminOnly('400') },
	{ route: '/admin/users/[id]', op: '?/addMembership', who: 'admin', path: user, form: () => ({ organizationId: NONE, role: 'member' }), expect: adminOnly('400') },
	{ route: '/admin/users/[id]', op: '?/changeMembership', who: 'admin', path: user, form: () => ({ organizationId: NONE, role: 'member' }), expect: adminOnly('404') },
	{ route: '/admin/users/[id]', op: '?/removeMembership', who: 'admin', path: user, form: () => ({ organizationId: NONE }), expect: adminOnly('404') },
	{ route: '/admin/users/[id]', op: '?/resetPassword', who: 'admin', path: user, form: () => ({ password: 'short' }), expect: adminOnly('400') },
	{ route: '/admin/users/[id]', op: '?/disable', who: 'admin (refused: own account)', path: user, form: () => ({}), expect: adminOnly('409') },
	{ route: '/admin/users/[id]', op: '?/enable', who: 'admin (own account: already enabled)', path: user, form: () => ({}), expect: adminOnly('200') },
	{ route: '/admin/users/[id]', op: '?/erase', who: 'admin (refused: own account)', path: user, form: () => ({ confirm: 'yes' }), expect: adminOnly('409') },
	{ route: '/admin/outbox', op: 'GET', who: 'admin', path: () => '/admin/outbox', expect: adminOnly('200') },
	{ route: '/admin/outbox/[id]', op: 'GET', who: 'admin (none such: 404)', path: () => `/admin/outbox/${NONE}`, expect: adminOnly('404') },
	{ route: '/admin/users/[id]/export.json', op: 'GET', who: 'admin', path: (r) => `/admin/users/${r.adminId}/export.json`, expect: adminOnly('200') },

	// ── Strategy editions: re-linking the superseded edition's cards (a stale preview is refused) ──
	{ route: '/strategies/[slug]/relink', op: 'GET', who: 'coordinator, admin', path: (r) => `/strategies/${r.slug}/relink`, expect: staffOnly('200') },
	{ route: '/strategies/[slug]/relink', op: '?/confirm', who: 'coordinator, admin (refused: stale preview)', path: (r) => `/strategies/${r.slug}/relink`, form: () => ({ boards: STALE, cards: '' }), expect: staffOnly('409') },
];
