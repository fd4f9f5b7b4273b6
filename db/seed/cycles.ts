import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { closeCycleRow, insertCycle } from '../../src/lib/server/cycles/repository';
import { takeSnapshot } from '../../src/lib/server/cycles/snapshot';
import { recordEvent } from '../../src/lib/server/events/repository';
import { CITY_CURRENT_SLUG } from './strategies';

// The demo's reporting cycles on the city strategy, counted from the seed's year: last year's
// monitoring closed (its figures kept at close, 1 February, after most of its cards' yearly reports
// were accepted in January), and this year's open with its
// deadline on 31 January next year, whose table the demo's reports fill (accepted, submitted,
// returned, a draft, the rest not started). An indicator of the education goal gives the goal page
// a value at the close of last year beside today's: one entered for last year, one from this year's
// accepted report. Written the way the services write them, with their events.

type Trx = Transaction<Database>;

const KOORDYNATOR = 'koordynator@torun.example';
/** The card whose accepted report gives the indicator this year's value (see activity.ts). */
const ACCEPTED_CARD = 'Szkoła Liderów Samorządów Uczniowskich';

/**
 * Last year's reports, accepted before the cycle closed: each by a member of the card's lead
 * organisation, for the whole year. A card of the closed cycle that is not here stays "not started".
 */
const LAST_YEAR_REPORTS: readonly { card: string; participants: number; summary: string }[] = [
	{
		card: 'Gra miejska „Śladami Kopernika” dla rodzin',
		participants: 312,
		summary: 'Cztery edycje gry miejskiej na Starówce, od maja do września; 87 rodzin na mecie.'
	},
	{
		card: 'Koalicja organizacji edukacyjnych Torunia – spotkanie założycielskie',
		participants: 41,
		summary:
			'Spotkanie założycielskie i dwa robocze; deklaracja koalicji podpisana przez 14 organizacji.'
	},
	{
		card: 'Akademia doradztwa zawodowego dla dorosłych',
		participants: 126,
		summary: 'Dwa semestry akademii: 18 spotkań grupowych i 64 konsultacje indywidualne.'
	},
	{
		card: 'Międzypokoleniowe warsztaty w szkołach i klubach seniora',
		participants: 208,
		summary:
			'Warsztaty w 6 szkołach i 4 klubach seniora: historia rodzinna, nowe technologie, kuchnia.'
	},
	{
		card: 'Drogi rowerowe w mieście – spójność z siecią powiatową',
		participants: 0,
		summary: 'Inwentaryzacja styków dróg rowerowych z siecią powiatu; lista 9 brakujących połączeń.'
	},
	{
		card: 'Gala Społecznej Odpowiedzialności Biznesu – nagroda Prezydenta',
		participants: 230,
		summary: 'Gala w CKK Jordanki; 27 zgłoszeń firm, nagrody w 4 kategoriach.'
	}
];

/**
 * The events the demo's cycles write: the indicator and its value, two openings, one closing,
 * and each of last year's reports saved, submitted and accepted.
 */
export const DEMO_CYCLE_EVENTS = 5 + 3 * LAST_YEAR_REPORTS.length;

export async function insertDemoCycles(trx: Trx, today: Date): Promise<void> {
	const coordinator = await trx
		.selectFrom('user')
		.select(['id', 'role'])
		.where(sql<string>`lower(email)`, '=', KOORDYNATOR)
		.executeTakeFirst();
	const strategy = await trx
		.selectFrom('strategy')
		.select(['id', 'slug'])
		.where('slug', '=', CITY_CURRENT_SLUG)
		.executeTakeFirst();
	const card = await trx
		.selectFrom('card')
		.innerJoin('goal as task', 'task.id', 'card.goalId')
		.innerJoin('goal as operational', 'operational.id', 'task.parentId')
		.leftJoin('activityReport as report', (j) =>
			j.onRef('report.cardId', '=', 'card.id').on('report.status', '=', 'accepted')
		)
		.select(['operational.id as goalId', 'operational.level', 'report.id as reportId'])
		.where('card.title', '=', ACCEPTED_CARD)
		.executeTakeFirst();
	if (!coordinator || !strategy || !card || card.level !== 'operational') return;
	const year = today.getFullYear();
	const last = year - 1;

	const indicator = await trx
		.insertInto('indicator')
		.values({
			goalId: card.goalId,
			name: 'Uczestnicy zajęć pozaformalnych dla młodzieży',
			unit: 'os.',
			baselineValue: 0,
			baselineYear: last - 1,
			targetValue: 600,
			targetYear: 2028,
			direction: 'up',
			aggregation: 'sum',
			frequency: 'yearly',
			source: 'Sprawozdania organizacji i Wydziału Edukacji'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	await recordEvent(trx, {
		actorId: coordinator.id,
		type: 'indicator.created',
		entityId: indicator.id,
		payload: { goalId: card.goalId, name: 'Uczestnicy zajęć pozaformalnych dla młodzieży' }
	});
	const entered = { value: 180, periodEnd: `${last}-12-31`, source: `Wydział Edukacji, ${last}` };
	await trx
		.insertInto('indicatorValue')
		.values({
			indicatorId: indicator.id,
			periodStart: `${last}-01-01`,
			...entered,
			enteredBy: coordinator.id
		})
		.execute();
	await recordEvent(trx, {
		actorId: coordinator.id,
		type: 'indicator.value_added',
		entityId: indicator.id,
		payload: entered
	});
	if (card.reportId !== null) {
		const report = await trx
			.selectFrom('activityReport')
			.select(['periodStart', 'periodEnd', 'participants', 'authorId'])
			.where('id', '=', card.reportId)
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('indicatorValue')
			.values({
				indicatorId: indicator.id,
				reportId: card.reportId,
				periodStart: report.periodStart,
				periodEnd: report.periodEnd,
				value: report.participants ?? 0,
				enteredBy: report.authorId
			})
			.execute();
	}

	for (const [title, y] of [
		[`Monitoring ${last}`, last],
		[`Monitoring ${year}`, year]
	] as const) {
		const cycle = {
			strategyId: strategy.id,
			title,
			periodStart: `${y}-01-01`,
			periodEnd: `${y}-12-31`,
			deadline: `${y + 1}-01-31`,
			goalIds: [] as number[]
		};
		const row = await insertCycle(trx, {
			...cycle,
			openedBy: coordinator.id,
			openedAt: y === last ? new Date(`${last}-12-01T09:00:00Z`) : today
		});
		await recordEvent(trx, {
			actorId: coordinator.id,
			type: 'cycle.opened',
			entityId: row.id,
			payload: {
				strategyId: strategy.id,
				title,
				periodStart: cycle.periodStart,
				periodEnd: cycle.periodEnd,
				deadline: cycle.deadline,
				goalIds: []
			}
		});
		if (y !== last) continue;
		await insertLastYearReports(trx, coordinator.id, last);
		const at = new Date(`${year}-02-01T09:00:00Z`);
		const snapshot = await takeSnapshot(
			trx,
			coordinator,
			{ id: row.id, ...cycle },
			strategy.slug,
			at
		);
		await closeCycleRow(trx, row.id, coordinator.id, snapshot, at);
		await recordEvent(trx, {
			actorId: coordinator.id,
			type: 'cycle.closed',
			entityId: row.id,
			payload: {
				strategyId: strategy.id,
				title,
				required: snapshot.progress.total,
				accepted: snapshot.progress.accepted
			}
		});
	}
}

/** Last year's yearly reports, submitted and accepted in January, with their events. */
async function insertLastYearReports(trx: Trx, reviewerId: number, last: number) {
	const cards = await trx
		.selectFrom('card')
		.innerJoin('cardOrganization as lead', (j) =>
			j.onRef('lead.cardId', '=', 'card.id').on('lead.role', '=', 'lead')
		)
		.select(['card.id', 'card.title', 'card.boardId', 'lead.organizationId'])
		.where(
			'card.title',
			'in',
			LAST_YEAR_REPORTS.map((r) => r.card)
		)
		.execute();
	const submitted = new Date(`${last + 1}-01-20T10:00:00Z`);
	const accepted = new Date(`${last + 1}-01-27T12:00:00Z`);
	for (const r of LAST_YEAR_REPORTS) {
		const card = cards.find((c) => c.title === r.card);
		if (!card) throw new Error(`The demo has no card "${r.card}"`);
		// The lead organisation's first member writes it; the coordinator accepts it.
		const author = await trx
			.selectFrom('membership')
			.select('userId')
			.where('organizationId', '=', card.organizationId)
			.orderBy('userId')
			.executeTakeFirst();
		const authorId = author?.userId ?? reviewerId;
		const report = await trx
			.insertInto('activityReport')
			.values({
				cardId: card.id,
				organizationId: card.organizationId,
				authorId,
				status: 'accepted',
				periodStart: `${last}-01-01`,
				periodEnd: `${last}-12-31`,
				summary: r.summary,
				participants: r.participants || null,
				reviewedBy: reviewerId,
				reviewedAt: accepted,
				submittedAt: submitted,
				createdAt: submitted,
				updatedAt: accepted
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const at = { entityId: report.id, boardId: card.boardId, cardId: card.id };
		await recordEvent(trx, { ...at, actorId: authorId, type: 'report.saved' });
		await recordEvent(trx, { ...at, actorId: authorId, type: 'report.submitted' });
		await recordEvent(trx, { ...at, actorId: reviewerId, type: 'report.accepted' });
	}
}
