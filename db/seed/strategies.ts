import { area, goal, type SeedStrategy } from './types';

// The three strategies of the source documents (/work/shared/seeds, not read at run time), with
// their Polish wording kept exact. Only text-extraction damage is repaired: lines joined with
// single spaces, a word split by a line wrap rejoined, an OCR'd "m1eJscowościom" read as
// "miejscowościom", and the list punctuation (a closing comma, full stop or "..") dropped.
// MAPPING.md lists every reading that needed a choice.

export const CITY_PREVIOUS_SLUG = 'torun-2020';
export const CITY_CURRENT_SLUG = 'torun-2028';
export const COUNTY_SLUG = 'powiat-torunski-2022-2024';

// The areas as named in Table 1 (000) and Table 2 (002); document 001 announces three areas but
// its list of them did not survive the extraction.
const SOCIAL = 'Obszar społeczny';
const RESOURCES = 'Obszar zasobów, infrastruktury i środowiska';
const ECONOMY = 'Obszar gospodarki i promocji';

const MISSION =
	'Jesteśmy miastem kreatywnej, otwartej i przedsiębiorczej społeczności, dumnej z dziedzictwa kulturowego swoich przodków, przełomowych w dziejach świata odkryć w astronomii, które do dzisiaj inspirują do tworzenia nowoczesnego, metropolitalnego ośrodka kultury, nauki, gospodarki i turystyki, opartego na innowacjach i synergii z partnerami w otoczeniu krajowym i międzynarodowym.';

const SYNERGY =
	'Toruń miastem wysokiej synergii wykorzystania potencjału kulturowego, naukowego i gospodarczego';

/** Table 2 (002): the implementation tasks of operational goal 1.1. */
const TASKS_1_1 = [
	goal(
		'1.1.1',
		'Wspieranie działań na rzecz doskonalenia zawodowego kadry pedagogicznej oraz specjalistów edukacji pozaformalnej'
	),
	goal(
		'1.1.2',
		'Promocja edukacji przez całe życie i wspieranie mobilności zawodowej (otwartość na rekwalifikację zawodową)'
	),
	goal('1.1.3', 'Wspieranie rozwoju edukacji pozaformalnej'),
	goal(
		'1.1.4',
		'Wykorzystanie potencjału infrastruktury społecznej i potencjału zasobów ludzkich do prowadzenia działań edukacyjnych, kulturalnych, sportowo-rekreacyjnych oraz działań integracyjnych (w tym współpracy międzypokoleniowej)'
	),
	goal(
		'1.1.5',
		'Wykorzystanie potencjału zasobów ludzkich oraz potencjału instytucji miejskich do prowadzenia efektywnych działań zapobiegawczo – interwencyjnych zmierzających do wyrównywania szans edukacyjnych oraz społecznych dzieci i młodzieży wymagających wsparcia w procesie ich rozwoju'
	),
	goal(
		'1.1.6',
		'Wspieranie działań na rzecz wzmacniania kompetencji społecznych w szczególności liderów społecznych'
	),
	goal('1.1.7', 'Zwiększenie dostępności i atrakcyjności zajęć dodatkowych i pozalekcyjnych'),
	goal('1.1.8', 'Współpraca szkół i placówek z instytucjami kultury w zakresie edukacji'),
	goal(
		'1.1.9',
		'Współpraca szkół i placówek ze szkołami wyższymi na wszystkich poziomach edukacji'
	),
	goal(
		'1.1.10',
		'Kontynuacja współpracy placówek oświatowych z profilaktyką Straży Miejskiej w Toruniu'
	),
	goal(
		'1.1.11',
		'Promowanie i wspieranie działań na rzecz społeczeństwa informacyjnego (upowszechnianie dostępu do szerokopasmowego Internetu)'
	),
	goal('1.1.12', 'Wspieranie rozwoju organizacji pozarządowych'),
	goal(
		'1.1.13',
		'Standaryzowanie wymagań wobec jakości rezultatów projektów realizowanych przez NGO na zlecenie miasta'
	),
	goal(
		'1.1.14',
		'Wspieranie rozwoju potencjału organizacji pozarządowych w zakresie podnoszenia kompetencji pracowników i wolontariuszy oraz warunków organizacyjno-technicznych działania NGO'
	),
	goal('1.1.15', 'Wzmacnianie sieci współpracy wśród NGO'),
	goal(
		'1.1.16',
		'Zaangażowanie środowiska akademickiego oraz organizacji pozarządowych w promowanie i wspieranie postaw otwartości oraz przyjaznych zachowań w relacjach między mieszkańcami'
	),
	goal(
		'1.1.17',
		'Promocja idei społecznej odpowiedzialności biznesu (z ang. CSR) oraz podmiotów gospodarczych włączających się w działania społeczne w mieście'
	),
	goal('1.1.18', 'Promocja i upowszechnianie idei wolontariatu'),
	goal(
		'1.1.19',
		'Rozwinięcie i utrzymywanie wysokich standardów partycypacji społecznej z wykorzystaniem zróżnicowanych kanałów i narzędzi komunikacji- wzmacnianie społeczeństwa obywatelskiego'
	),
	goal(
		'1.1.20',
		'Organizowanie lokalnych wydarzeń kulturalnych na rzecz zwiększania integracji i aktywności społeczności miasta'
	),
	goal(
		'1.1.21',
		'Współdziałanie osiedlowych domów kultury, bibliotek, świetlic środowiskowych, spółdzielni mieszkaniowych na rzecz tworzenia zróżnicowanych społecznie wspólnot w miejscu zamieszkania'
	),
	goal(
		'1.1.22',
		'Zwiększenie dostępności i dostosowanie czasu pracy miejsc opieki nad dziećmi do potrzeb rodzin'
	),
	goal('1.1.23', 'Zwiększenie dostępności do miejsc opieki nad dziećmi do lat 3'),
	goal(
		'1.1.24',
		'Dalsze działania zmierzające do rozwoju statusu miasta przyjaznego rodzinom z dziećmi i seniorom'
	),
	goal(
		'1.1.25',
		'Wspieranie przedsięwzięć skierowanych do osób młodych, mających trudności w godzeniu życia rodzinnego z pracą zawodową'
	),
	goal(
		'1.1.26',
		'Wspieranie współpracy międzysektorowej w zakresie wzmacniania integracji i tożsamości mieszkańców'
	)
];

/** Table 1 (000): the goal tree of the earlier edition. */
const CITY_PREVIOUS: SeedStrategy = {
	slug: CITY_PREVIOUS_SLUG,
	title: 'Strategia Rozwoju Miasta Torunia do 2020 roku',
	owner: 'city',
	periodStart: 2010,
	periodEnd: 2020,
	status: 'superseded',
	supersedes: null,
	mission: MISSION,
	goals: [
		area(SOCIAL, [
			goal('1', 'Toruń atrakcyjnym miejscem zamieszkania i pracy', [
				goal('1.1', 'Rozwój kapitału ludzkiego i społecznego'),
				goal(
					'1.2',
					'Zwiększenie wykorzystania potencjału kreatywnego we wszystkich dziedzinach rozwoju Torunia'
				),
				goal('1.3', 'Wysoka atrakcyjność oferty kulturalnej Torunia'),
				goal('1.4', 'Rozwój kwalifikowanego sportu oraz upowszechnienie rekreacji mieszkańców'),
				goal(
					'1.5',
					'Działania na rzecz poprawy sytuacji zdrowotnej mieszkańców (w tym inwestycje w infrastrukturę zdrowotną i społeczną, programy profilaktyczne, opiekuńcze, itp.)'
				),
				goal(
					'1.6',
					'Aktywizacja i integracja osób oraz grup wykluczonych i zagrożonych wykluczeniem społecznym'
				),
				goal('1.7', 'Wsparcie osób niepełnosprawnych w integracji społecznej i zawodowej'),
				goal('1.8', 'Poprawa stanu bezpieczeństwa i porządku publicznego w mieście')
			])
		]),
		area(RESOURCES, [
			goal('2', 'Toruń miastem nowoczesnej infrastruktury', [
				goal('2.1', 'Poprawa stanu infrastruktury społecznej'),
				goal(
					'2.2',
					'Wspieranie rozwoju budownictwa mieszkaniowego, w tym budowa mieszkań socjalnych i komunalnych'
				),
				goal('2.3', 'Rewitalizacja obiektów zabytkowych i terenów zdegradowanych'),
				goal('2.4', 'Poprawa warunków komunikacyjnych w układzie przestrzennym Torunia'),
				goal('2.5', 'Poprawa warunków korzystania z transportu zbiorowego')
			]),
			goal('3', 'Toruń miastem harmonii przestrzeni i przyrody', [
				goal('3.1', 'Poprawa stanu środowiska naturalnego na terenie miasta'),
				goal(
					'3.2',
					'Poprawa jakości ładu przestrzennego w mieście i zapobieganie niekontrolowanej suburbanizacji'
				),
				goal('3.3', 'Efektywniejsze wykorzystanie walorów estetycznych Torunia w promocji miasta')
			])
		]),
		area(ECONOMY, [
			// Table 1 cuts this title off after "wykorzystania"; the rest is the same edition's
			// wording as the fragment at the top of 003 gives it.
			goal('4', SYNERGY, [
				goal('4.1', 'Rozwinięta współpraca i kooperacja między przedsiębiorcami'),
				goal('4.2', 'Toruń miastem międzynarodowych spotkań'),
				goal(
					'4.3',
					'Znaczący udział w potencjale gospodarczym miasta branż nowoczesnych technologii'
				)
			])
		])
	]
};

/** Document 001: the current edition, to 2028. */
const CITY_CURRENT: SeedStrategy = {
	slug: CITY_CURRENT_SLUG,
	title: 'Strategia Rozwoju Miasta Torunia do 2028 roku',
	owner: 'city',
	// 001 says only "do 2028 roku"; the City Council adopted this edition on 17 May 2018.
	periodStart: 2018,
	periodEnd: 2028,
	status: 'current',
	supersedes: CITY_PREVIOUS_SLUG,
	// 001 states no mission (Table 1 gives the earlier edition's), so none is invented here.
	mission: null,
	// The areas ordered by the goals they hold, so that the tree reads 1, 2, 3, 4 top to bottom.
	goals: [
		area(SOCIAL, [
			goal('1', 'Toruń atrakcyjnym miejscem zamieszkania i pracy', [
				goal('1.1', 'Rozwój kapitału ludzkiego i społecznego', TASKS_1_1),
				goal(
					'1.2',
					'Zwiększenie wykorzystania potencjału kreatywnego we wszystkich dziedzinach rozwoju Torunia'
				),
				goal('1.3', 'Tworzenie wysokiej jakości oferty kulturalnej'),
				goal('1.4', 'Upowszechnienie sportu i rekreacji wśród mieszkańców'),
				goal(
					'1.5',
					'Poprawa sytuacji zdrowotnej mieszkańców (w tym inwestycje w infrastrukturę zdrowotną i społeczną, programy profilaktyczne, opiekuńcze, itp.)'
				),
				goal(
					'1.6',
					'Aktywizacja i integracja osób oraz grup wykluczonych i zagrożonych wykluczeniem społecznym'
				),
				goal('1.7', 'Wsparcie osób z niepełnosprawnościami w integracji społecznej i zawodowej'),
				goal('1.8', 'Poprawa stanu bezpieczeństwa i porządku publicznego w mieście')
			])
		]),
		area(ECONOMY, [
			goal('2', SYNERGY, [
				goal(
					'2.1',
					'Ciągłe doskonalenie współpracy pomiędzy przedsiębiorcami, jednostkami samorządu terytorialnego i instytucjami otoczenia biznesu'
				),
				goal('2.2', 'Toruń miastem ogólnopolskich i międzynarodowych spotkań'),
				goal(
					'2.3',
					'Znaczący udział w potencjale gospodarczym miasta branż nowoczesnych technologii'
				),
				goal(
					'2.4',
					'Wzrost liczby miejsc pracy w mikro-, małych i średnich przedsiębiorstwach (MŚP)'
				),
				goal(
					'2.5',
					'Umacnianie pozycji Torunia jako ponadregionalnego ośrodka edukacji o znaczeniu międzynarodowym'
				),
				goal('2.6', 'Rozwój marki i produktów turystycznych'),
				goal('2.7', 'Wzmacnianie i rozwijanie społecznych podstaw do rozwoju turystyki w Toruniu'),
				goal('2.8', 'Rozwój i ciągłe doskonalenie lokalnych instytucji otoczenia biznesu'),
				goal('2.9', 'Podnoszenie atrakcyjności inwestycyjnej Torunia'),
				goal('2.10', 'Poprawa sytuacji na rynku pracy'),
				goal('2.11', 'Umocnienie atrakcyjnego ponadregionalnego wizerunku Torunia')
			])
		]),
		area(RESOURCES, [
			goal('3', 'Toruń miastem nowoczesnej infrastruktury', [
				goal('3.1', 'Rozwój infrastruktury społecznej'),
				goal('3.2', 'Wspieranie rozwoju budownictwa mieszkaniowego'),
				goal('3.3', 'Rewitalizacja obiektów zabytkowych i terenów zdegradowanych'),
				goal(
					'3.4',
					'Doskonalenie rozwiązań komunikacyjnych z uwzględnieniem układu przestrzennego miasta'
				),
				goal(
					'3.5',
					'Zwiększenie komfortu korzystania z transportu zbiorowego oraz prowadzenie polityki cenowej przejazdów komunikacją miejską zmierzającej do upowszechnienia transportu zbiorowego'
				)
			]),
			goal('4', 'Toruń miastem ładu przestrzennego', [
				goal('4.1', 'Dalsza poprawa stanu środowiska naturalnego na terenie miasta'),
				goal('4.2', 'Kontrolowany rozwój oraz poprawa estetyki przestrzeni miasta'),
				goal('4.3', 'Efektywniejsze wykorzystanie walorów estetycznych Torunia w promocji miasta')
			])
		])
	]
};

/** Document 004: the county's strategy for cooperating with its municipalities. No areas. */
const COUNTY: SeedStrategy = {
	slug: COUNTY_SLUG,
	title: 'Strategia współpracy z gminami powiatu toruńskiego',
	owner: 'county',
	periodStart: 2022,
	periodEnd: 2024,
	status: 'current',
	supersedes: null,
	mission: null,
	goals: [
		// "graniach" (for "granicach") is the source's own typo, kept as printed.
		goal(
			'1',
			'Utrzymanie dobrych stosunków między samorządem Powiatu Toruńskiego a samorządami gmin leżących w graniach powiatu',
			[
				goal('1.1', 'Kreowanie wizerunku Powiatu Toruńskiego wśród mieszkańców gmin', [
					// The document's "basic tasks of creating the County's brand" come first; a brand is
					// the image this specific goal is about, so they belong here.
					goal('1.1.1', 'Kontakt z pracownikami urzędów gmin i urzędu miejskiego'),
					goal(
						'1.1.2',
						'Udział przedstawicieli władz samorządowych Powiatu w wydarzeniach i uroczystościach organizowanych przez władze gmin'
					),
					goal(
						'1.1.3',
						'Wspieranie działań wizerunkowych i kreowania marki samorządów gmin leżących na terenie powiatu'
					),
					goal(
						'1.1.4',
						'Promowania działalności jednostek organizacyjnych Powiatu i podkreślanie ich roli w życiu mieszkańców'
					),
					goal('1.1.5', 'Wspieranie inicjatyw gminnych o potencjale ponadgminnym'),
					goal(
						'1.1.6',
						'Przygotowywanie materiałów i publikacji poświęconych gminom i poszczególnym miejscowościom'
					),
					goal(
						'1.1.7',
						'Wspieranie inicjatyw sołectw, kół gospodyń wiejskich i jednostek Ochotniczej Straży Pożarnej'
					)
				]),
				goal('1.2', 'Realizowanie wspólnych zadań inwestycyjnych i innych inicjatyw', [
					goal('1.2.1', 'Inicjowanie i prowadzenie kampanii o charakterze ponadgminnym'),
					goal('1.2.2', 'Promowanie integracji mieszkańców'),
					goal(
						'1.2.3',
						'Dbałość o właściwy przekaz medialny - podkreślający działania wspólne samorządu Powiatu i samorządów gminnych'
					),
					goal('1.2.4', 'Promowanie akcji wizerunkowych promujących mieszkańców Powiatu')
				]),
				goal(
					'1.3',
					'Promocja nowoczesnej polityki inwestycyjnej władz samorządowych Powiatu Toruńskiego',
					[
						goal('1.3.1', 'Promowanie inwestycji jako głównej wizytówki Powiatu Toruńskiego'),
						goal(
							'1.3.2',
							'Kontynuowanie programu budowy ścieżek rowerowych w ramach współpracy samorządów oraz remontów, modernizacji dróg powiatowych'
						),
						goal(
							'1.3.3',
							'Udział w regionalnych i ogólnopolskich konkursach na najlepszy projekt budowlany, realizację'
						),
						goal('1.3.4', 'Przeprowadzanie kampanii promujących nowe inwestycje na terenie powiatu')
					]
				)
			]
		)
	]
};

/** In load order: an edition comes before the one that supersedes it. */
export const STRATEGIES: readonly SeedStrategy[] = [CITY_PREVIOUS, CITY_CURRENT, COUNTY];
