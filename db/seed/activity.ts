import { sql, type Transaction } from 'kysely';
import { mentionToken } from '../../src/lib/domain/mentions';
import { whoSees } from '../../src/lib/server/auth/policy';
import type { Database, ReportStatus } from '../../src/lib/server/db/schema';
import { recordEvent } from '../../src/lib/server/events/repository';
import { notify } from '../../src/lib/server/notifications/repository';
import { dayFrom } from './boards';
import { DEMO_CYCLE_EVENTS } from './cycles';

// What people did on the demo boards, so that every queue of the demo has something in it: the
// NGO's activity reports in each state (one waiting for the Education department's review, one
// returned with a reason, one accepted, a draft), comments that mention people, and the
// notifications those steps write — built the way the services build them (the same events, the
// same rule for who is told), with days counted from the seed's day.

type Trx = Transaction<Database>;

const NGO = 'ngo@torun.example';
const WYDZIAL = 'wydzial@torun.example';
const KOORDYNATOR = 'koordynator@torun.example';

interface SeedReport {
	card: string;
	status: ReportStatus;
	/** Days before the seed's day it was submitted, and reviewed. */
	submitted?: number;
	reviewed?: number;
	reviewer?: string;
	reason?: string;
	/** The period, in days from the seed's day. */
	from: number;
	to: number;
	summary: string;
	participants: number | null;
	outputs?: string;
}

export const DEMO_REPORTS: readonly SeedReport[] = [
	{
		card: 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026',
		status: 'submitted',
		submitted: 1,
		from: -40,
		to: -10,
		summary:
			'Dwa dwudniowe szkolenia dla nauczycieli szkół podstawowych: metody projektowe, praca z grupą, ewaluacja zajęć pozaformalnych.',
		participants: 38,
		outputs: '2 szkolenia, 38 zaświadczeń, pakiet materiałów dla szkół'
	},
	{
		card: 'Zajęcia w świetlicach środowiskowych – diagnoza potrzeb',
		status: 'returned',
		submitted: 6,
		reviewed: 2,
		reviewer: WYDZIAL,
		reason:
			'Brakuje liczby uczestników w podziale na świetlice i listy obecności z wywiadów. Uzupełnij, proszę, i prześlij ponownie.',
		from: -60,
		to: -30,
		summary:
			'Wywiady z wychowawcami pięciu świetlic środowiskowych i ankieta wśród rodziców: potrzeby zajęć popołudniowych.',
		participants: null
	},
	{
		card: 'Szkoła Liderów Samorządów Uczniowskich',
		status: 'accepted',
		submitted: 20,
		reviewed: 15,
		reviewer: WYDZIAL,
		from: -90,
		to: -62,
		summary: 'Pierwszy zjazd Szkoły Liderów: warsztaty z komunikacji i planowania projektów.',
		participants: 24,
		outputs: '3 dni warsztatów, 6 projektów uczniowskich'
	},
	{
		card: 'Szkolenia z pozyskiwania funduszy europejskich dla NGO',
		status: 'submitted',
		submitted: 3,
		from: -50,
		to: -21,
		summary:
			'Cykl czterech szkoleń z przygotowania wniosków do programu FERS dla organizacji z Torunia.',
		participants: 52,
		outputs: '4 szkolenia, 11 wniosków złożonych przez uczestników'
	},
	{
		card: 'Warsztaty „Uczę się inaczej” dla młodzieży z Podgórza',
		status: 'draft',
		from: -30,
		to: 0,
		summary: 'Sześć spotkań warsztatowych w bibliotece na Podgórzu (w trakcie uzupełniania).',
		participants: 17
	}
];

interface SeedComment {
	card: string;
	author: string;
	/** `{name}` marks where the mention of `mentions` goes. */
	body: string;
	mentions: string;
	daysAgo: number;
}

export const DEMO_COMMENTS: readonly SeedComment[] = [
	{
		card: 'Zajęcia w świetlicach środowiskowych – diagnoza potrzeb',
		author: WYDZIAL,
		mentions: NGO,
		body: '{name} czy możesz dołączyć listy obecności z wywiadów? Bez nich nie przyjmę raportu za wrzesień.',
		daysAgo: 2
	},
	{
		card: 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026',
		author: KOORDYNATOR,
		mentions: WYDZIAL,
		body: '{name} proszę o ocenę raportu fundacji do końca tygodnia – liczby trafią do raportu monitoringowego.',
		daysAgo: 1
	},
	{
		card: 'Szkolenia z pozyskiwania funduszy europejskich dla NGO',
		author: NGO,
		mentions: KOORDYNATOR,
		body: '{name} raport za cykl szkoleń jest już przesłany, w załączeniu lista uczestników.',
		daysAgo: 3
	}
];

const ago = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

/** The events the demo's reports, comments and cycles write, besides their notices' own. */
export function demoActivityEvents(): number {
	const steps = { draft: 1, submitted: 2, returned: 3, accepted: 3 } as const;
	return (
		DEMO_REPORTS.reduce((n, r) => n + steps[r.status], 0) + DEMO_COMMENTS.length + DEMO_CYCLE_EVENTS
	);
}

export async function insertDemoActivity(trx: Trx, today: Date): Promise<void> {
	const people = await trx
		.selectFrom('user')
		.select(['id', 'name', sql<string>`lower(email)`.as('email')])
		.where(sql<string>`lower(email)`, 'in', [NGO, WYDZIAL, KOORDYNATOR])
		.execute();
	const person = (email: string) => people.find((p) => p.email === email);
	const titles = [...new Set([...DEMO_REPORTS, ...DEMO_COMMENTS].map((r) => r.card))];
	const cards = await trx
		.selectFrom('card')
		.select(['card.id', 'card.title', 'card.boardId'])
		.where('card.title', 'in', titles)
		.execute();
	const cardOf = (title: string) => cards.find((c) => c.title === title);
	const author = person(NGO);
	if (!author) return;
	const [fep] = await trx
		.selectFrom('membership')
		.select('organizationId')
		.where('userId', '=', author.id)
		.execute();
	if (!fep) return;

	for (const r of DEMO_REPORTS) {
		const card = cardOf(r.card);
		if (!card) continue;
		const reviewer = r.reviewer ? person(r.reviewer) : undefined;
		const report = await trx
			.insertInto('activityReport')
			.values({
				cardId: card.id,
				organizationId: fep.organizationId,
				authorId: author.id,
				status: r.status,
				periodStart: dayFrom(today, r.from),
				periodEnd: dayFrom(today, r.to),
				summary: r.summary,
				participants: r.participants,
				outputs: r.outputs ?? '',
				returnReason: r.reason ?? null,
				reviewedBy: reviewer?.id ?? null,
				reviewedAt: r.reviewed === undefined ? null : ago(r.reviewed),
				submittedAt: r.submitted === undefined ? null : ago(r.submitted),
				createdAt: ago((r.submitted ?? 0) + 1),
				updatedAt: ago(r.reviewed ?? r.submitted ?? 0)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const at = { entityId: report.id, boardId: card.boardId, cardId: card.id };
		await recordEvent(trx, { ...at, actorId: author.id, type: 'report.saved' });
		if (r.status === 'draft') continue;
		await recordEvent(trx, { ...at, actorId: author.id, type: 'report.submitted' });
		const base = { cardId: card.id, reportId: report.id };
		if (r.status === 'submitted') {
			const reviewers = await whoSees.reportReviewers(trx, card.id, author.id).execute();
			await notify(trx, {
				...base,
				type: 'report_submitted',
				actorId: author.id,
				userIds: reviewers.map((p) => p.id)
			});
		} else if (reviewer && r.status === 'returned') {
			await recordEvent(trx, {
				...at,
				actorId: reviewer.id,
				type: 'report.returned',
				payload: { reason: r.reason! }
			});
			await notify(trx, {
				...base,
				type: 'report_returned',
				actorId: reviewer.id,
				userIds: [author.id]
			});
		} else if (reviewer) {
			await recordEvent(trx, { ...at, actorId: reviewer.id, type: 'report.accepted' });
			await notify(trx, {
				...base,
				type: 'report_accepted',
				actorId: reviewer.id,
				userIds: [author.id]
			});
		}
	}
	// An accepted report is old news: its notice has been read.
	await trx
		.updateTable('notification')
		.set({ readAt: sql`now()` })
		.where('type', '=', 'report_accepted')
		.execute();

	for (const c of DEMO_COMMENTS) {
		const card = cardOf(c.card);
		const by = person(c.author);
		const mentioned = person(c.mentions);
		if (!card || !by || !mentioned) continue;
		const comment = await trx
			.insertInto('comment')
			.values({
				cardId: card.id,
				authorId: by.id,
				body: c.body.replace('{name}', mentionToken(mentioned)),
				createdAt: ago(c.daysAgo)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordEvent(trx, {
			actorId: by.id,
			type: 'comment.created',
			entityId: comment.id,
			boardId: card.boardId,
			cardId: card.id
		});
		await notify(trx, {
			cardId: card.id,
			commentId: comment.id,
			actorId: by.id,
			type: 'mentioned',
			userIds: [mentioned.id]
		});
	}
}
