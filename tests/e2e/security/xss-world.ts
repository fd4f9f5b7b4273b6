import { expect } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_ACCOUNTS } from '../../../db/seed/users';
import { request, signInSession, type Session } from './http';
import { CARD, EDUCATION, SLUG, readData } from './resources';

// Hostile text in every field people can write, put there over HTTP the way the forms post it:
// a card's title, description and label, a comment, an activity report, a goal, an indicator and
// its value, a column, a person's name. Organisation and board names have no form in the app
// (they come from the seed), so they cannot carry anything.

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '<img src=x onerror=alert(1)>';
export const SVG = '"><svg onload=alert(1)>';
export const HTML_TAG = '{@html "<img src=x onerror=alert(1)>"}';
/** Markdown and raw HTML links that would run script when followed. */
export const LINKS =
	'[klik](javascript:alert(1)) ![obraz](javascript:alert(1)) <a href="javascript:alert(1)">a</a> ' +
	'<iframe src="javascript:alert(1)"></iframe> [b](JaVaScRiPt:alert(1)) <math><mi xlink:href="javascript:alert(1)">m</mi></math>';
/** What a spreadsheet would run as a formula: fields start with them. */
export const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(1;2)'];
export const SQL = "'; drop table card; -- 1 OR 1=1 %_\\";

/** A field's text: its marker, then the payloads (the marker finds it in the page). */
export const hostile = (marker: string) => `${marker} ${SCRIPT} ${IMG} ${SVG}`;
const hostileMarkdown = (marker: string) =>
	`${hostile(marker)}\n\n${HTML_TAG}\n\n${LINKS}\n\n${SQL}`;

export interface XssWorld {
	boardId: number;
	/** The new card with hostile title, description and label, under task 1.1.1. */
	cardId: number;
	/** The seed's card that gets the hostile comment and activity report. */
	seedCardId: number;
	/** Strategic goal 1. */
	goalId: number;
	/** The new operational goal under 1 with hostile title and description and an indicator. */
	newGoalId: number;
	personId: number;
	person: Session;
}

type Rec = Record<string, unknown>;

/** A form action that must succeed (a 200 or a redirect that is not to the sign-in page). */
async function act(base: string, s: Session, path: string, form: Record<string, string>) {
	const answer = await request(base, s, path, form);
	expect(['200', '303'], `${path}: ${answer.body.slice(0, 300)}`).toContain(answer.summary);
	return answer;
}

function goalByCode(nodes: Rec[], code: string): Rec | undefined {
	for (const node of nodes) {
		if (node.code === code) return node;
		const found = goalByCode((node.children as Rec[]) ?? [], code);
		if (found) return found;
	}
	return undefined;
}

/**
 * The world of this run, made once per database: Playwright runs beforeAll again in a new worker
 * after a failed test, and the hostile rows must not be added twice (a goal's code is unique).
 */
export async function loadXssWorld(base: string, s: Record<string, Session>): Promise<XssWorld> {
	const file = `tests/.tmp/xss-world-${new URL(base).port}.json`;
	const key = await databaseKey(base, s['koordynator@']!);
	if (existsSync(file)) {
		const saved = JSON.parse(readFileSync(file, 'utf8')) as XssWorld & { key: string };
		if (saved.key === key) return { ...saved, person: await signInPerson(base) };
	}
	const world = await makeXssWorld(base, s);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify({ ...world, person: undefined, key }));
	return world;
}

/** The seed's timestamp: a new one for every fresh database. */
async function databaseKey(base: string, staff: Session) {
	const strategy = (await readData(base, staff, `/strategies/${SLUG}`)).strategy as Rec;
	return `${strategy.id}@${new Date(strategy.createdAt as Date).toISOString()}`;
}

const signInPerson = (base: string) =>
	signInSession(base, 'xss@torun.example', 'xss-torun-2028-haslo');

async function makeXssWorld(base: string, s: Record<string, Session>): Promise<XssWorld> {
	const [staff, admin, dept, ngo] = [s['koordynator@']!, s['admin@']!, s['wydzial@']!, s['ngo@']!];
	const boards = (await readData(base, staff, '/boards')).boards as Rec[];
	const boardId = boards.find((b) => b.title === EDUCATION)!.id as number;
	const board = await readData(base, staff, `/boards/${boardId}?view=list&rows=5000`);
	const seedCardId = (board.rows as Rec[]).find((c) => c.title === CARD)!.id as number;
	const columnId = (board.columns as Rec[])[0]!.id as number;
	const tree = (await readData(base, staff, `/strategies/${SLUG}`)).tree as Rec[];
	const goalId = goalByCode(tree, '1')!.id as number;
	const taskId = goalByCode(tree, '1.1.1')!.id as number;

	// A goal and an indicator with its value, by the coordinator.
	await act(base, staff, `/goals/${goalId}?/addChild`, {
		code: '1.97',
		title: hostile('XSS-goal'),
		description: hostileMarkdown('XSS-goal-description')
	});
	const goalPage = await readData(base, staff, `/goals/${goalId}`);
	const newGoalId = (goalPage.children as Rec[]).find((g) => g.code === '1.97')!.id as number;
	await act(base, staff, `/goals/${newGoalId}?/indicator`, {
		name: `${FORMULAS[1]} ${hostile('XSS-indicator')}`,
		unit: IMG.slice(0, 50),
		baselineValue: '0',
		baselineYear: '2020',
		targetValue: '10',
		targetYear: '2028',
		direction: 'up',
		aggregation: 'sum',
		frequency: 'yearly',
		source: `${hostile('XSS-indicator-source')} ${FORMULAS[0]}`,
		responsibleOrganizationId: ''
	});
	const indicators = (await readData(base, staff, `/goals/${newGoalId}`)).indicators as Rec[];
	await act(base, staff, `/goals/${newGoalId}?/indicatorValue`, {
		indicatorId: String(indicators[0]!.id),
		periodStart: '2026-01-01',
		periodEnd: '2026-01-31',
		value: '3',
		source: FORMULAS[1]!
	});

	// A public card under task 1.1.1, and a column, on Wydział Edukacji's board.
	await act(base, staff, `/boards/${boardId}?/create`, {
		title: `${FORMULAS[0]} ${hostile('XSS-card')}`,
		description: hostileMarkdown('XSS-card-description'),
		columnId: String(columnId),
		leadId: '',
		goalId: String(taskId),
		priority: 'normal',
		labels: `${IMG}, ${FORMULAS[3]}`,
		startDate: '',
		dueDate: '',
		isPublic: 'on'
	});
	const rows = (await readData(base, staff, `/boards/${boardId}?view=list&rows=5000`))
		.rows as Rec[];
	const cardId = rows.find((c) => String(c.title).includes('XSS-card'))!.id as number;
	await act(base, dept, `/boards/${boardId}/settings?/add`, {
		title: `XSS-column ${IMG}`.slice(0, 60),
		status: 'todo',
		wipLimit: ''
	});

	// A person whose name is hostile, a member of the NGO, who comments mentioning ngo@.
	const orgs = (await readData(base, admin, '/admin/users/new')).organizations as Rec[];
	const ngoOrg = orgs.find((o) => String(o.name).startsWith('Fundacja Edukacji Pozaformalnej'))!;
	await act(base, admin, '/admin/users/new', {
		email: 'xss@torun.example',
		name: `${FORMULAS[3]} ${hostile('XSS-person')}`,
		role: 'member',
		password: 'xss-torun-2028-haslo',
		organizationId: String(ngoOrg.id),
		membershipRole: 'member'
	});
	const people = (await readData(base, admin, '/admin/users?q=xss@')).people as Rec[];
	const personId = people.find((p) => p.email === 'xss@torun.example')!.id as number;
	const person = await signInPerson(base);
	const seedCard = `/boards/${boardId}/cards/${seedCardId}`;
	const mentionable = (await readData(base, person, seedCard)).mentionable as Rec[];
	const ngoName = DEMO_ACCOUNTS.find((a) => a.email === 'ngo@torun.example')!.name;
	const ngoUser = mentionable.find((p) => p.name === ngoName)!;
	await act(base, person, `${seedCard}/comments?/add`, {
		body: `${hostileMarkdown('XSS-comment')}\n\n@[${ngoName}](user:${ngoUser.id})`
	});

	// An activity report by ngo@, accepted by wydzial@ (the lead's manager).
	const reporting = (await readData(base, ngo, seedCard)).reporting as { organizations: Rec[] };
	await act(base, ngo, `${seedCard}/reports?/save`, {
		organizationId: String(reporting.organizations[0]!.id),
		periodStart: '2026-11-01',
		periodEnd: '2026-11-30',
		summary: `${FORMULAS[2]} ${hostile('XSS-report')}`,
		participants: '5',
		outputs: `\t=1+1 ${hostile('XSS-outputs')}`,
		links: 'https://example.org/"><script>alert(1)</script>'
	});
	const reports = (await readData(base, ngo, seedCard)).reports as Rec[];
	const report = reports.find((r) => String(r.summary).includes('XSS-report'))!;
	await act(base, ngo, `${seedCard}/reports?/submit`, { reportId: String(report.id) });
	await act(base, dept, `${seedCard}/reports?/review`, {
		reportId: String(report.id),
		version: String(Number(report.version) + 1),
		decision: 'accept'
	});
	return { boardId, cardId, seedCardId, goalId, newGoalId, personId, person };
}
