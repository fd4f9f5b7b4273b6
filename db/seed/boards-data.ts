import type { ColumnStatus } from '../../src/lib/server/db/schema';
import { CITY_CURRENT_SLUG, CITY_PREVIOUS_SLUG, COUNTY_SLUG } from './strategies';
import { COORDINATOR, COUNTY_OFFICE, MUNICIPALITIES, SAMPLE_NGOS } from './organizations';

// The demo boards: invented work items, but each filed under a real goal of the documents, so that
// a visitor sees the goal tree fill up. Dates are offsets in days from the day the seed runs, so
// that a demo always has overdue cards, cards due this week and cards with no date at all.

export interface SeedColumn {
	title: string;
	status: ColumnStatus;
	wipLimit: number | null;
}

/** Every new board starts with these, in this order. */
export const DEFAULT_COLUMNS: readonly SeedColumn[] = [
	{ title: 'Zaplanowane', status: 'todo', wipLimit: null },
	{ title: 'W realizacji', status: 'in_progress', wipLimit: 8 },
	{ title: 'Zagrożone', status: 'blocked', wipLimit: null },
	{ title: 'Zrealizowane', status: 'done', wipLimit: null }
];

export interface SeedCard {
	title: string;
	/** The default column it sits in, named by that column's status. */
	status: ColumnStatus;
	/** The goal's code within the board's strategy. */
	goal: string;
	/** Markdown, one line per item. */
	description: string[];
	priority?: 'low' | 'high' | 'urgent';
	labels: string[];
	/** Days from the seed's day; none: no date. */
	start?: number;
	due?: number;
	/** Organisation names; the lead defaults to the board's owner. */
	lead?: string;
	partners?: string[];
	/** E-mail addresses of demo accounts. */
	assignees?: string[];
	/** E-mail address; defaults to the board's creator. */
	createdBy?: string;
	/** Shown on the public progress page (its lead organisation's choice). */
	public?: boolean;
}

export interface SeedBoard {
	title: string;
	description: string;
	owner: string;
	isJoint: boolean;
	/** Participants besides the owner (the loader always adds the owner): joint boards only. */
	participants: string[];
	/** The strategy the board carries out, whose goals the cards' `goal` codes name. */
	strategy: string;
	createdBy: string;
	/** The board's label colours (palette names of src/lib/schemas/label-colours.ts). */
	labelColours?: Record<string, string>;
	cards: SeedCard[];
}

const EDUCATION = 'Wydział Edukacji';
const CULTURE = 'Wydział Kultury';
const SPORT = 'Wydział Sportu i Rekreacji';
const COMMUNAL = 'Wydział Gospodarki Komunalnej';
const PROMOTION = 'Wydział Promocji i Turystyki';
const [FEP, NEIGHBOURS, VOLUNTEERS] = SAMPLE_NGOS.map((o) => o.name) as [string, string, string];
const gmina = (shortName: string) => MUNICIPALITIES.find((m) => m.shortName === shortName)!.name;

const KOORDYNATOR = 'koordynator@torun.example';
const WYDZIAL = 'wydzial@torun.example';
const NGO = 'ngo@torun.example';
const POWIAT = 'powiat@torun.example';

const COORDINATION: SeedBoard = {
	title: 'Koordynacja Strategii Rozwoju Miasta Torunia 2028',
	description:
		'Przedsięwzięcia prowadzone lub koordynowane przez WRiPE: partycypacja, współpraca z organizacjami pozarządowymi, inwestycje społeczne i fundusze zewnętrzne.',
	owner: COORDINATOR,
	isJoint: false,
	participants: [],
	strategy: CITY_CURRENT_SLUG,
	createdBy: KOORDYNATOR,
	labelColours: {
		partycypacja: 'blue',
		ngo: 'green',
		wydarzenie: 'violet',
		inwestycja: 'amber',
		konsultacje: 'teal',
		'fundusze UE': 'rose'
	},
	cards: [
		{
			title: 'Konsultacje społeczne aktualizacji Strategii – spotkania w dzielnicach',
			public: true,
			status: 'in_progress',
			goal: '1.1.19',
			description: [
				'Cykl otwartych spotkań z mieszkańcami w sześciu dzielnicach.',
				'',
				'- Bydgoskie Przedmieście, Jakubskie Przedmieście, Podgórz',
				'- Rubinkowo, Na Skarpie, Chełmińskie Przedmieście',
				'',
				'Notatki ze spotkań trafiają do raportu z konsultacji.'
			],
			labels: ['konsultacje', 'partycypacja'],
			start: -21,
			due: 3,
			partners: [NEIGHBOURS, PROMOTION],
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Program współpracy miasta z organizacjami pozarządowymi na 2027 rok',
			status: 'in_progress',
			goal: '1.1.12',
			description: [
				'Projekt programu współpracy do konsultacji z Radą Działalności Pożytku Publicznego.',
				'Priorytety zbierane od organizacji przez formularz online.'
			],
			labels: ['ngo', 'dokument'],
			start: -30,
			due: 25,
			partners: [VOLUNTEERS],
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Kampania „Toruń – miasto wolontariuszy”',
			status: 'in_progress',
			goal: '1.1.18',
			description: [
				'Kampania w komunikacji miejskiej i mediach społecznościowych.',
				'',
				'- plakaty w autobusach i tramwajach',
				'- historie wolontariuszy w mediach miejskich',
				'- punkt informacyjny na Rynku Staromiejskim'
			],
			labels: ['kampania', 'wolontariat'],
			start: -14,
			due: 2,
			partners: [VOLUNTEERS, PROMOTION],
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Mapa inicjatyw międzysektorowych – baza partnerów',
			status: 'in_progress',
			goal: '1.1.26',
			description: [
				'Wspólna baza przedsięwzięć realizowanych przez miasto, NGO i biznes, z osobami do kontaktu.'
			],
			priority: 'low',
			labels: ['współpraca'],
			start: -45
		},
		{
			title: 'Program rewitalizacji – aktualizacja listy przedsięwzięć',
			status: 'in_progress',
			goal: '3.3',
			description: [
				'Aktualizacja listy przedsięwzięć podstawowych i uzupełniających.',
				'Termin przekroczony: czekamy na karty projektów od dwóch wydziałów.'
			],
			priority: 'high',
			labels: ['rewitalizacja'],
			start: -60,
			due: -15,
			partners: [COMMUNAL],
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Program „Toruń przyjazny rodzinie” – nowe ulgi w Karcie Dużej Rodziny',
			status: 'in_progress',
			goal: '1.1.24',
			description: [
				'Rozszerzenie ulg o obiekty sportowe i instytucje kultury.',
				'',
				'1. zebranie propozycji od wydziałów',
				'2. kalkulacja kosztów',
				'3. projekt uchwały'
			],
			labels: ['rodzina'],
			start: -20,
			due: 5,
			partners: [SPORT, CULTURE]
		},
		{
			title: 'Budżet obywatelski 2027 – nabór i weryfikacja wniosków',
			public: true,
			status: 'todo',
			goal: '1.1.19',
			description: [
				'Nabór projektów mieszkańców, weryfikacja formalna i merytoryczna, spotkania z autorami.'
			],
			labels: ['partycypacja'],
			start: 14,
			due: 75
		},
		{
			title: 'Forum Organizacji Pozarządowych – edycja jesienna',
			public: true,
			status: 'todo',
			goal: '1.1.15',
			description: [
				'Dzień spotkań, warsztatów i targów organizacji.',
				'',
				'- sala: Centrum Kulturalno-Kongresowe Jordanki',
				'- zgłoszenia organizacji do stoisk do końca miesiąca'
			],
			labels: ['wydarzenie', 'ngo'],
			start: 30,
			due: 45,
			partners: [VOLUNTEERS, FEP, NEIGHBOURS],
			assignees: [KOORDYNATOR, NGO]
		},
		{
			title: 'Gala Społecznej Odpowiedzialności Biznesu – nagroda Prezydenta',
			status: 'todo',
			goal: '1.1.17',
			description: [
				'Konkurs dla firm wspierających działania społeczne w mieście, gala w grudniu.'
			],
			labels: ['CSR', 'wydarzenie'],
			due: 90
		},
		{
			title: 'Inkubator dla mikroprzedsiębiorstw – analiza potrzeb',
			status: 'todo',
			goal: '2.4',
			description: [
				'Ankieta wśród firm do 10 pracowników i przegląd oferty inkubatorów w regionie.'
			],
			labels: ['gospodarka', 'analiza'],
			start: 7,
			due: 60
		},
		{
			title: 'Kongres „Toruń – miasto spotkań” – oferta dla organizatorów',
			status: 'todo',
			goal: '2.2',
			description: ['Pakiet informacji dla organizatorów kongresów i konferencji ogólnopolskich.'],
			priority: 'low',
			labels: ['wydarzenie', 'promocja'],
			partners: [PROMOTION]
		},
		{
			title: 'Drogi rowerowe w mieście – spójność z siecią powiatową',
			status: 'todo',
			goal: '3.4',
			description: [
				'Uzgodnienie miejsc styku miejskich dróg rowerowych z trasami budowanymi w gminach powiatu.'
			],
			labels: ['rowery', 'transport'],
			partners: [COMMUNAL]
		},
		{
			title: 'Standardy rezultatów w otwartych konkursach ofert dla NGO',
			status: 'blocked',
			goal: '1.1.13',
			description: [
				'Wspólne wskaźniki rezultatów dla zadań zlecanych organizacjom.',
				'',
				'**Zagrożenie:** czekamy na opinię Rady Działalności Pożytku Publicznego.'
			],
			priority: 'high',
			labels: ['ngo', 'standardy'],
			start: -50,
			due: -9,
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Wniosek o dofinansowanie: Centrum Aktywności Lokalnej na Bydgoskim Przedmieściu',
			status: 'blocked',
			goal: '3.1',
			description: [
				'Wniosek do programu regionalnego na adaptację budynku na centrum aktywności lokalnej.',
				'',
				'- brak prawomocnego pozwolenia na budowę',
				'- termin naboru upływa wkrótce'
			],
			priority: 'urgent',
			labels: ['inwestycja', 'fundusze UE'],
			start: -40,
			due: -4,
			partners: [NEIGHBOURS, COMMUNAL],
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Żłobek miejski na Jarze – dokumentacja projektowa',
			status: 'blocked',
			goal: '1.1.23',
			description: [
				'Dokumentacja nowego żłobka na 120 miejsc.',
				'Projektant zgłosił kolizję z siecią ciepłowniczą; potrzebne nowe warunki przyłączenia.'
			],
			priority: 'high',
			labels: ['inwestycja', 'żłobki'],
			start: -90,
			due: 12,
			partners: [COMMUNAL]
		},
		{
			title: 'Szkolenia z pozyskiwania funduszy europejskich dla NGO',
			status: 'done',
			goal: '1.1.14',
			description: [
				'Cztery spotkania warsztatowe, 46 uczestników z 31 organizacji.',
				'Materiały szkoleniowe udostępnione w serwisie miejskim.'
			],
			labels: ['szkolenia', 'ngo'],
			start: -90,
			due: -20,
			partners: [FEP],
			assignees: [KOORDYNATOR, NGO]
		},
		{
			title: 'Kalendarz wydarzeń miejskich na sezon 2026',
			status: 'done',
			goal: '1.3',
			description: [
				'Wspólny kalendarz festiwali i wydarzeń plenerowych, uzgodniony z instytucjami.'
			],
			labels: ['kultura'],
			start: -120,
			due: -60,
			partners: [CULTURE, PROMOTION]
		},
		{
			title: 'Program „Senior w sieci” – kursy kompetencji cyfrowych',
			status: 'done',
			goal: '1.1.11',
			description: [
				'Kursy obsługi bankowości internetowej, e-usług i bezpieczeństwa w sieci.',
				'',
				'- 12 grup po 10 osób',
				'- zajęcia w bibliotekach osiedlowych'
			],
			labels: ['szkolenia', 'seniorzy'],
			start: -150,
			due: -35,
			partners: [VOLUNTEERS]
		}
	]
};

// The NGO of ngo@ is a partner on some cards of this board but not all: a demo of who sees what.
// It is not a participant of the board, which would let it add cards here.
const EDUCATION_BOARD: SeedBoard = {
	title: 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe',
	description:
		'Zadania Wydziału Edukacji w celu operacyjnym 1.1: kadry, zajęcia pozalekcyjne, wyrównywanie szans, współpraca szkół z partnerami.',
	owner: EDUCATION,
	isJoint: false,
	participants: [],
	strategy: CITY_CURRENT_SLUG,
	createdBy: WYDZIAL,
	labelColours: { szkolenia: 'blue', młodzież: 'violet', wydarzenie: 'amber', ngo: 'green' },
	cards: [
		{
			title: 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026',
			public: true,
			status: 'in_progress',
			goal: '1.1.1',
			description: [
				'Cykl szkoleń dla nauczycieli szkół podstawowych.',
				'',
				'- metody projektowe i praca w grupie',
				'- edukacja przez doświadczenie',
				'- ewaluacja zajęć pozaformalnych'
			],
			labels: ['szkolenia'],
			start: -30,
			due: 4,
			partners: [FEP],
			assignees: [WYDZIAL, NGO]
		},
		{
			title: 'Konkurs grantowy dla NGO na zajęcia pozalekcyjne',
			status: 'in_progress',
			goal: '1.1.7',
			description: [
				'Otwarty konkurs ofert na zajęcia pozalekcyjne w szkołach podstawowych.',
				'Ocena ofert przez komisję konkursową; ogłoszenie wyników na stronie BIP.'
			],
			labels: ['konkurs', 'ngo'],
			start: -25,
			due: 18,
			assignees: [WYDZIAL]
		},
		{
			title: 'Szkolne kluby wolontariatu – sieć koordynatorów',
			status: 'in_progress',
			goal: '1.1.18',
			description: ['Spotkania szkolnych koordynatorów wolontariatu raz na kwartał.'],
			labels: ['wolontariat'],
			start: -100,
			partners: [VOLUNTEERS]
		},
		{
			title: 'Uniwersytet Dzieci – zajęcia z UMK dla klas 4–6',
			status: 'in_progress',
			goal: '1.1.9',
			description: [
				'Zajęcia laboratoryjne prowadzone przez pracowników naukowych Uniwersytetu Mikołaja Kopernika.'
			],
			labels: ['współpraca z uczelniami'],
			start: -40,
			due: 2,
			assignees: [WYDZIAL]
		},
		{
			title: 'Szkoła Liderów Samorządów Uczniowskich',
			status: 'in_progress',
			goal: '1.1.6',
			description: [
				'Warsztaty dla przewodniczących samorządów uczniowskich.',
				'',
				'- komunikacja i prowadzenie zebrań',
				'- projekt na rzecz społeczności szkolnej',
				'',
				'Opóźnienie: trzy szkoły nie przysłały list uczestników.'
			],
			labels: ['szkolenia', 'młodzież'],
			start: -35,
			due: -11,
			partners: [FEP, NEIGHBOURS],
			assignees: [WYDZIAL, NGO]
		},
		{
			title: 'Zajęcia w świetlicach środowiskowych – diagnoza potrzeb',
			status: 'in_progress',
			goal: '1.1.21',
			description: [
				'Ankiety wśród wychowawców świetlic i rodziców; wyniki posłużą do planu zajęć na rok szkolny.'
			],
			labels: ['analiza'],
			start: -10,
			due: 6,
			partners: [FEP, NEIGHBOURS],
			assignees: [NGO, WYDZIAL]
		},
		{
			title: 'Letnia akademia edukacji pozaformalnej dla młodzieży',
			public: true,
			status: 'todo',
			goal: '1.1.3',
			description: [
				'Dwa tygodnie warsztatów w wakacje: media, nauka, działania obywatelskie.',
				'Rekrutacja przez szkoły i świetlice.'
			],
			labels: ['wydarzenie', 'młodzież'],
			start: 20,
			due: 70,
			partners: [FEP, VOLUNTEERS],
			assignees: [NGO]
		},
		{
			title: 'Akademia doradztwa zawodowego dla dorosłych',
			status: 'todo',
			goal: '1.1.2',
			description: ['Indywidualne konsultacje i warsztaty dla osób myślących o zmianie zawodu.'],
			labels: ['szkolenia', 'doradztwo'],
			due: 40
		},
		{
			title: 'Wydłużone godziny pracy przedszkoli w wakacje',
			status: 'todo',
			goal: '1.1.22',
			description: ['Dyżury wakacyjne przedszkoli do 17:30 w każdej dzielnicy.'],
			labels: ['przedszkola'],
			start: 10,
			due: 30
		},
		{
			title: 'Międzypokoleniowe warsztaty w szkołach i klubach seniora',
			status: 'todo',
			goal: '1.1.4',
			description: ['Wspólne zajęcia uczniów i seniorów: gry, kulinaria, historia osiedla.'],
			priority: 'low',
			labels: ['integracja', 'seniorzy'],
			partners: [VOLUNTEERS]
		},
		{
			title: 'Targi edukacyjne szkół ponadpodstawowych',
			status: 'todo',
			goal: '2.5',
			description: [
				'Prezentacja oferty toruńskich szkół dla uczniów z miasta i regionu.',
				'',
				'- stoiska szkół',
				'- spotkania z doradcami zawodowymi'
			],
			labels: ['wydarzenie', 'rekrutacja'],
			start: 45,
			due: 50
		},
		{
			title: 'Program wyrównawczy „Równy start” w szkołach podstawowych',
			status: 'blocked',
			goal: '1.1.5',
			description: [
				'Zajęcia wyrównawcze i wsparcie psychologiczno-pedagogiczne dla uczniów klas 1–3.',
				'',
				'**Zagrożenie:** brak dwóch psychologów; czekamy na decyzję o zwiększeniu budżetu.'
			],
			priority: 'high',
			labels: ['wyrównywanie szans'],
			start: -60,
			due: -8,
			partners: [FEP],
			assignees: [WYDZIAL]
		},
		{
			title: 'Szerokopasmowy internet w szkołach – modernizacja sieci',
			status: 'blocked',
			goal: '1.1.11',
			description: [
				'Modernizacja sieci w 14 szkołach podstawowych.',
				'Przetarg unieważniony: jedyna oferta przekroczyła budżet. Potrzebny nowy tryb.'
			],
			priority: 'urgent',
			labels: ['inwestycja', 'cyfryzacja'],
			start: -70,
			due: 10,
			partners: [COMMUNAL],
			assignees: [WYDZIAL]
		},
		{
			title: 'Lekcje muzealne – współpraca szkół z instytucjami kultury',
			public: true,
			status: 'done',
			goal: '1.1.8',
			description: ['Katalog lekcji muzealnych i bibliotecznych rozesłany do wszystkich szkół.'],
			labels: ['kultura'],
			start: -120,
			due: -45,
			partners: [CULTURE]
		},
		{
			title: 'Bezpieczna droga do szkoły – zajęcia ze Strażą Miejską',
			status: 'done',
			goal: '1.1.10',
			description: ['Zajęcia profilaktyczne w klasach 1–3 wszystkich szkół podstawowych.'],
			labels: ['profilaktyka'],
			start: -110,
			due: -30
		},
		{
			title: 'Miejska olimpiada sportowa szkół podstawowych',
			status: 'done',
			goal: '1.4',
			description: ['Zawody w ośmiu dyscyplinach, 1200 uczestników.'],
			labels: ['sport', 'wydarzenie'],
			start: -80,
			due: -50,
			partners: [SPORT]
		}
	]
};

const NGO_BOARD: SeedBoard = {
	title: 'Fundacja Edukacji Pozaformalnej – projekty 2026',
	description: 'Projekty fundacji: warsztaty dla młodzieży, szkolenia trenerów, wolontariat.',
	owner: FEP,
	isJoint: false,
	participants: [],
	strategy: CITY_CURRENT_SLUG,
	createdBy: NGO,
	cards: [
		{
			title: 'Warsztaty „Uczę się inaczej” dla młodzieży z Podgórza',
			status: 'in_progress',
			goal: '1.1.3',
			description: [
				'Dziesięć spotkań warsztatowych w świetlicy przy ul. Poznańskiej.',
				'',
				'- fotografia i wideo',
				'- robotyka',
				'- debata oksfordzka'
			],
			labels: ['warsztaty', 'młodzież'],
			start: -28,
			due: 3,
			assignees: [NGO]
		},
		{
			title: 'Nabór wolontariuszy do programu mentoringowego',
			status: 'in_progress',
			goal: '1.1.18',
			description: [
				'Mentorzy dla uczniów szkół ponadpodstawowych, spotkania raz w tygodniu.',
				'Termin naboru minął, a mamy 9 z 15 mentorów: przedłużamy nabór.'
			],
			labels: ['wolontariat'],
			start: -40,
			due: -7,
			partners: [VOLUNTEERS],
			assignees: [NGO]
		},
		{
			title: 'Klub Młodego Lidera – spotkania co miesiąc',
			status: 'in_progress',
			goal: '1.1.6',
			description: ['Comiesięczne spotkania liderów szkolnych i osiedlowych grup młodzieżowych.'],
			priority: 'low',
			labels: ['młodzież'],
			start: -120
		},
		{
			title: 'Szkolenie trenerów edukacji pozaformalnej – moduł II',
			status: 'todo',
			goal: '1.1.1',
			description: [
				'Drugi moduł szkolenia dla trenerów i nauczycieli współpracujących z fundacją.',
				'Miejsca zarezerwowane dla nauczycieli wskazanych przez Wydział Edukacji.'
			],
			labels: ['szkolenia'],
			start: 15,
			due: 40,
			partners: [EDUCATION],
			assignees: [NGO, WYDZIAL]
		},
		{
			title: 'Gra miejska „Śladami Kopernika” dla rodzin',
			status: 'todo',
			goal: '1.1.20',
			description: ['Gra terenowa na Starym Mieście z zadaniami dla dzieci i rodziców.'],
			labels: ['wydarzenie'],
			partners: [NEIGHBOURS]
		},
		{
			title: 'Koalicja organizacji edukacyjnych Torunia – spotkanie założycielskie',
			status: 'todo',
			goal: '1.1.15',
			description: [
				'Porozumienie organizacji prowadzących zajęcia edukacyjne.',
				'',
				'1. projekt deklaracji współpracy',
				'2. wybór koordynatora koalicji',
				'3. wspólny kalendarz zajęć'
			],
			labels: ['współpraca', 'ngo'],
			due: 21,
			partners: [VOLUNTEERS, NEIGHBOURS],
			assignees: [NGO]
		},
		{
			title: 'Wniosek do konkursu grantowego na zajęcia pozalekcyjne',
			status: 'blocked',
			goal: '1.1.7',
			description: [
				'Oferta w otwartym konkursie Wydziału Edukacji.',
				'',
				'**Zagrożenie:** brak aktualnego odpisu z KRS po zmianie zarządu.'
			],
			priority: 'high',
			labels: ['grant'],
			start: -12,
			due: 1,
			assignees: [NGO]
		},
		{
			title: 'Zakup wyposażenia mobilnej pracowni naukowej',
			status: 'blocked',
			goal: '1.1.14',
			description: [
				'Mikroskopy, zestawy do doświadczeń i skrzynie transportowe.',
				'Dostawca nie dotrzymał terminu; czekamy na nową ofertę.'
			],
			labels: ['zakupy'],
			start: -30,
			due: -5
		},
		{
			title: 'Sprawozdanie z dotacji miejskiej za 2025 rok',
			status: 'done',
			goal: '1.1.13',
			description: ['Sprawozdanie merytoryczne i finansowe złożone i przyjęte przez miasto.'],
			labels: ['sprawozdawczość'],
			start: -60,
			due: -40,
			assignees: [NGO]
		},
		{
			title: 'Szkolenie zespołu: ochrona danych osobowych w NGO',
			status: 'done',
			goal: '1.1.14',
			description: ['Szkolenie dla pracowników i wolontariuszy fundacji, 18 osób.'],
			priority: 'low',
			labels: ['szkolenia'],
			start: -75,
			due: -70
		}
	]
};

// The county's cycle-path programme (document 004, action 1.3.2): a joint board of the county
// office and the nine municipalities. A section on a county road is led by the county office, one
// on a municipal road by its municipality.
const CYCLE_PATHS: SeedBoard = {
	title: 'Budowa ścieżek rowerowych',
	description:
		'Wspólny program budowy ścieżek rowerowych Powiatu Toruńskiego i gmin powiatu: odcinki w gminach, wnioski o dofinansowanie, oznakowanie i promocja.',
	owner: COUNTY_OFFICE,
	isJoint: true,
	participants: MUNICIPALITIES.map((m) => m.name),
	strategy: COUNTY_SLUG,
	createdBy: POWIAT,
	labelColours: {
		inwestycja: 'amber',
		odcinek: 'cyan',
		'fundusze UE': 'rose',
		kampania: 'fuchsia'
	},
	cards: [
		{
			title: 'Odcinek Lubicz Dolny – Grębocin',
			status: 'in_progress',
			goal: '1.3.2',
			description: [
				'Ścieżka wzdłuż drogi powiatowej, 3,2 km.',
				'',
				'- roboty ziemne zakończone',
				'- nawierzchnia bitumiczna w toku'
			],
			labels: ['inwestycja', 'odcinek'],
			start: -90,
			due: 30,
			partners: [gmina('Lubicz')],
			assignees: [POWIAT]
		},
		{
			title: 'Odcinek Obrowo – Dobrzejewice',
			status: 'in_progress',
			goal: '1.3.2',
			description: [
				'Ścieżka na drodze gminnej, 2,4 km.',
				'Termin odbioru minął: wykonawca wnioskuje o aneks do umowy.'
			],
			priority: 'high',
			labels: ['inwestycja', 'odcinek'],
			start: -150,
			due: -14,
			lead: gmina('Obrowo')
		},
		{
			title: 'Odcinek Łubianka – Wybcz',
			status: 'in_progress',
			goal: '1.3.2',
			description: ['Ścieżka wzdłuż drogi powiatowej, 2,9 km; odbiór częściowy w tym tygodniu.'],
			labels: ['inwestycja', 'odcinek'],
			start: -120,
			due: 5,
			partners: [gmina('Łubianka')],
			assignees: [POWIAT]
		},
		{
			title: 'Wniosek o dofinansowanie tras rowerowych z programu regionalnego',
			status: 'in_progress',
			goal: '1.3.2',
			description: [
				'Wspólny wniosek powiatu i trzech gmin na kolejne odcinki.',
				'',
				'1. studium wykonalności',
				'2. uchwały rad gmin o wkładzie własnym',
				'3. złożenie wniosku w systemie naboru'
			],
			priority: 'urgent',
			labels: ['fundusze UE', 'wniosek'],
			start: -30,
			due: 3,
			partners: [gmina('Lubicz'), gmina('Łysomice'), gmina('Obrowo')],
			assignees: [POWIAT]
		},
		{
			title: 'Porozumienia międzygminne o współfinansowaniu ścieżek',
			status: 'in_progress',
			goal: '1.3.2',
			description: [
				'Porozumienia o podziale kosztów odcinków biegnących przez dwie gminy.',
				'Dwie gminy jeszcze nie przyjęły uchwał.'
			],
			labels: ['porozumienie'],
			start: -60,
			due: -10,
			partners: [gmina('Czernikowo'), gmina('Łubianka'), gmina('Wielka Nieszawka')],
			assignees: [POWIAT]
		},
		{
			title: 'Odcinek Cierpice – Wielka Nieszawka',
			status: 'todo',
			goal: '1.3.2',
			description: ['Ścieżka wzdłuż drogi powiatowej przez las; wymaga uzgodnień z nadleśnictwem.'],
			labels: ['inwestycja', 'odcinek'],
			start: 20,
			due: 200,
			partners: [gmina('Wielka Nieszawka')]
		},
		{
			title: 'Odcinek Czernikowo – Mazowsze',
			status: 'todo',
			goal: '1.3.2',
			description: ['Koncepcja przebiegu i szacunek kosztów do budżetu na przyszły rok.'],
			priority: 'low',
			labels: ['inwestycja', 'odcinek'],
			lead: gmina('Czernikowo'),
			partners: [gmina('Obrowo')]
		},
		{
			title: 'Jednolite oznakowanie tras rowerowych powiatu',
			status: 'todo',
			goal: '1.3.2',
			description: [
				'Wspólny wzór tablic i oznaczeń kierunkowych dla wszystkich gmin.',
				'',
				'- projekt systemu oznakowania',
				'- uzgodnienie z zarządcami dróg'
			],
			labels: ['oznakowanie'],
			start: 10,
			due: 60,
			assignees: [POWIAT]
		},
		{
			title: 'Kampania „Powiat Toruński na rowery”',
			status: 'todo',
			goal: '1.3.4',
			description: [
				'Kampania promująca nowe ścieżki: mapa tras, film, wpisy w mediach gmin i powiatu.'
			],
			labels: ['kampania', 'promocja'],
			start: 30,
			due: 90,
			partners: [gmina('Lubicz'), gmina('Zławieś Wielka')],
			assignees: [POWIAT]
		},
		{
			title: 'Rajd rowerowy na otwarcie sezonu',
			status: 'todo',
			goal: '1.2.2',
			description: ['Rodzinny rajd nowymi odcinkami, meta przy urzędzie gminy w Łysomicach.'],
			labels: ['wydarzenie', 'integracja'],
			start: 25,
			due: 25,
			lead: gmina('Łysomice'),
			partners: [gmina('Lubicz'), gmina('Obrowo')]
		},
		{
			title: 'Zgłoszenie ścieżki Łysomice – Papowo Toruńskie do konkursu „Modernizacja Roku”',
			status: 'todo',
			goal: '1.3.3',
			description: ['Karta zgłoszeniowa, dokumentacja zdjęciowa przed i po budowie.'],
			priority: 'low',
			labels: ['konkurs'],
			due: 40,
			partners: [gmina('Łysomice')]
		},
		{
			title: 'Odcinek Czarnowo – Zławieś Wielka',
			status: 'blocked',
			goal: '1.3.2',
			description: [
				'Ścieżka łącząca gminę z Wiślaną Trasą Rowerową.',
				'',
				'**Zagrożenie:** brak zgody właścicieli trzech działek na wykup pasa gruntu.'
			],
			priority: 'high',
			labels: ['inwestycja', 'odcinek', 'grunty'],
			start: -80,
			due: 30,
			lead: gmina('Zławieś Wielka'),
			partners: [gmina('Wielka Nieszawka')]
		},
		{
			title: 'Odcinek Chełmża – Kończewice',
			status: 'blocked',
			goal: '1.3.2',
			description: [
				'Oferty w przetargu przekroczyły kosztorys o 40%.',
				'Gmina szuka dodatkowego finansowania; powiat rozważa zwiększenie udziału.'
			],
			priority: 'urgent',
			labels: ['inwestycja', 'odcinek'],
			start: -100,
			due: -20,
			lead: gmina('Chełmża (gmina wiejska)'),
			partners: [gmina('Chełmża (miasto)'), COUNTY_OFFICE],
			assignees: [POWIAT]
		},
		{
			title: 'Odcinek Łysomice – Papowo Toruńskie',
			status: 'done',
			goal: '1.3.2',
			description: ['Ścieżka 4,1 km oddana do użytku; rozliczenie dotacji złożone.'],
			labels: ['inwestycja', 'odcinek'],
			start: -300,
			due: -60,
			partners: [gmina('Łysomice')],
			assignees: [POWIAT]
		},
		{
			title: 'Trasa wokół Jeziora Chełmżyńskiego – odcinek miejski',
			status: 'done',
			goal: '1.3.2',
			description: ['Odcinek 1,8 km wzdłuż brzegu jeziora z punktem odpoczynku.'],
			labels: ['inwestycja', 'odcinek'],
			start: -250,
			due: -90,
			lead: gmina('Chełmża (miasto)'),
			partners: [gmina('Chełmża (gmina wiejska)')]
		},
		{
			title: 'Aktualizacja koncepcji powiatowej sieci tras rowerowych',
			status: 'done',
			goal: '1.3.2',
			description: [
				'Mapa istniejących i planowanych tras z kolejnością budowy, przyjęta przez Zarząd Powiatu.'
			],
			labels: ['koncepcja'],
			start: -200,
			due: -100,
			partners: [gmina('Lubicz'), gmina('Obrowo'), gmina('Zławieś Wielka')],
			assignees: [POWIAT]
		}
	]
};

/**
 * Work still filed under the superseded edition (to 2020): the coordinator's projects of the last
 * programming period, on goals of Table 1. It shows the goal mapping at work, and is what the
 * re-link to the current edition moves (MAPPING.md, "The demo board of the earlier edition").
 */
const PREVIOUS_EDITION: SeedBoard = {
	title: 'Projekty strategii do 2020 r.',
	description:
		'Przedsięwzięcia rozpoczęte w ramach Strategii Rozwoju Miasta Torunia do 2020 roku, rozliczane i kontynuowane po przyjęciu nowej edycji.',
	owner: COORDINATOR,
	isJoint: false,
	participants: [],
	strategy: CITY_PREVIOUS_SLUG,
	createdBy: KOORDYNATOR,
	cards: [
		{
			title: 'Lokalny Program Rewitalizacji – sprawozdanie końcowe',
			status: 'done',
			goal: '2.3',
			description: [
				'Sprawozdanie z realizacji programu rewitalizacji Starego Miasta, Bydgoskiego Przedmieścia i Podgórza.'
			],
			labels: ['rewitalizacja', 'sprawozdanie'],
			start: -420,
			due: -300,
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Zakup tramwajów niskopodłogowych – rozliczenie projektu unijnego',
			status: 'done',
			goal: '2.5',
			description: [
				'Wniosek o płatność końcową i dokumentacja trwałości projektu transportu zbiorowego.'
			],
			labels: ['fundusze UE', 'transport'],
			start: -500,
			due: -360
		},
		{
			title: 'Raport o ofercie kulturalnej miasta 2016–2020',
			status: 'done',
			goal: '1.3',
			description: ['Dane o wydarzeniach, frekwencji i dotacjach, zebrane z instytucji kultury.'],
			labels: ['raport', 'kultura'],
			start: -380,
			due: -250,
			partners: [CULTURE]
		},
		{
			title: 'Plan gospodarki niskoemisyjnej – sprawozdanie z wymiany pieców',
			status: 'in_progress',
			goal: '3.1',
			description: [
				'Zestawienie wymienionych źródeł ciepła i efektu ekologicznego za lata 2015–2020.'
			],
			labels: ['środowisko', 'sprawozdanie'],
			start: -60,
			due: 20,
			partners: [COMMUNAL],
			assignees: [KOORDYNATOR]
		},
		{
			title: 'Ewaluacja kongresów i konferencji międzynarodowych w CKK Jordanki',
			status: 'in_progress',
			goal: '4.2',
			description: ['Liczba wydarzeń, uczestników z zagranicy i wpływ na ruch turystyczny.'],
			labels: ['ewaluacja', 'turystyka biznesowa'],
			start: -45,
			due: 30,
			partners: [PROMOTION]
		},
		{
			title: 'Rozliczenie projektów aktywizacji osób zagrożonych wykluczeniem',
			status: 'blocked',
			goal: '1.6',
			description: [
				'Brakuje sprawozdań dwóch partnerów projektu; bez nich nie można złożyć wniosku o płatność końcową.'
			],
			priority: 'high',
			labels: ['fundusze UE', 'wykluczenie'],
			start: -90,
			due: -5
		}
	]
};

/**
 * In load order: board ids then read coordinator, department, NGO, joint initiative, and the
 * earlier edition's board last (so the others keep their ids).
 */
export const DEMO_BOARDS: readonly SeedBoard[] = [
	COORDINATION,
	EDUCATION_BOARD,
	NGO_BOARD,
	CYCLE_PATHS,
	PREVIOUS_EDITION
];
