import { describe, expect, it } from 'vitest';
import { cardAssigneesSchema, cardOrganizationsSchema } from './card-people';
import { cardFieldsSchema } from './cards';
import { relinkSchema } from './editions';
import { reportSchema } from './monitoring';

// Every list a person sends holds each value once: a value twice is merged (or, where the two
// could mean different things, refused), so no page ever has to show one value twice.

const report = {
	organizationId: '3',
	periodStart: '2026-01-01',
	periodEnd: '2026-01-31',
	summary: 'Warsztaty',
	participants: ''
};

describe("a report's links", () => {
	it('keep a link given twice once, as first typed, whatever its spelling', () => {
		const links = [
			'https://a.example/',
			'https://a.example/',
			'  https://a.example/  ',
			'HTTPS://A.EXAMPLE',
			'https://a.example:443/',
			'https://b.example/x',
			'https://b.example/x/'
		].join('\n');
		expect(reportSchema.parse({ ...report, links }).links).toEqual([
			'https://a.example/',
			'https://b.example/x',
			'https://b.example/x/'
		]);
	});

	it('count the links after merging: ten links each given twice are ten', () => {
		const ten = Array.from({ length: 10 }, (_, i) => `https://a.example/${i}`);
		const parsed = reportSchema.safeParse({ ...report, links: [...ten, ...ten].join('\n') });
		expect(parsed.success && parsed.data.links).toEqual(ten);
		const eleven = [...ten, 'https://a.example/10'].join('\n');
		expect(reportSchema.safeParse({ ...report, links: eleven }).success).toBe(false);
	});
});

describe("a report's indicator values", () => {
	it('refuse two values for one indicator', () => {
		const parsed = reportSchema.safeParse({
			...report,
			indicatorId: ['5', '5'],
			indicatorValue: ['1', '2']
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('indicatorValue');
		expect(
			reportSchema.parse({ ...report, indicatorId: ['5', '6'], indicatorValue: ['1', '2'] }).values
		).toEqual([
			{ indicatorId: 5, value: 1 },
			{ indicatorId: 6, value: 2 }
		]);
	});
});

describe("a card's labels", () => {
	const card = { title: 'Karta' };
	it('keep a label given twice once, case and spaces aside', () => {
		const labels =
			'edukacja, Edukacja,edukacja ,EDUKACJA, młodzież, edukacja  pozaformalna, edukacja pozaformalna';
		expect(cardFieldsSchema.parse({ ...card, labels }).labels).toEqual([
			'edukacja',
			'młodzież',
			'edukacja  pozaformalna'
		]);
	});
});

describe("a card's organisations and people", () => {
	it('keep an id ticked twice once', () => {
		expect(
			cardOrganizationsSchema.parse({ version: '1', leadId: '2', partnerIds: ['3', '3', '03'] })
				.partnerIds
		).toEqual([3]);
		expect(cardAssigneesSchema.parse({ version: '1', userIds: ['4', '4'] }).userIds).toEqual([4]);
	});
});

describe("the re-link's confirm form", () => {
	it('keeps a board or a card stamp given twice once', () => {
		expect(
			relinkSchema.parse({ boards: ['4', '4', '04'], cards: ['7:2:0', '7:2:0', '7:2:5'] })
		).toEqual({
			boards: [4],
			// The same card with two targets stays twice: the server refuses that as changed.
			cards: [
				[7, 2, 0],
				[7, 2, 5]
			]
		});
	});
});
