import { CITY_CURRENT_SLUG, CITY_PREVIOUS_SLUG } from './strategies';
import type { SeedMapping } from './types';

// Which goals of the earlier city edition (Table 1, document 000) continue as goals of the
// current one (document 001). Found by comparing the titles; MAPPING.md gives the reasoning and
// the goals left unmapped. The notes are shown beside the mapping in the app, hence Polish.

export const EDITION_MAPPING: {
	from: string;
	to: string;
	pairs: readonly SeedMapping[];
} = {
	from: CITY_PREVIOUS_SLUG,
	to: CITY_CURRENT_SLUG,
	pairs: [
		// The three areas keep their names.
		{ from: 'Obszar społeczny', to: 'Obszar społeczny', note: 'Obszar bez zmian.' },
		{
			from: 'Obszar zasobów, infrastruktury i środowiska',
			to: 'Obszar zasobów, infrastruktury i środowiska',
			note: 'Obszar bez zmian.'
		},
		{
			from: 'Obszar gospodarki i promocji',
			to: 'Obszar gospodarki i promocji',
			note: 'Obszar bez zmian.'
		},

		// Strategic goal 1 keeps its number and title.
		{ from: '1', to: '1', note: 'Tytuł bez zmian.' },
		{ from: '1.1', to: '1.1', note: 'Tytuł bez zmian.' },
		{ from: '1.2', to: '1.2', note: 'Tytuł bez zmian.' },
		{ from: '1.3', to: '1.3', note: 'Oferta kulturalna; tytuł przeformułowany.' },
		{
			from: '1.4',
			to: '1.4',
			note: 'Sport i rekreacja mieszkańców; bez wyodrębnienia sportu kwalifikowanego.'
		},
		{ from: '1.5', to: '1.5', note: 'Zdrowie mieszkańców; tytuł skrócony, zakres bez zmian.' },
		{ from: '1.6', to: '1.6', note: 'Tytuł bez zmian.' },
		{
			from: '1.7',
			to: '1.7',
			note: '„Osoby niepełnosprawne” zastąpione przez „osoby z niepełnosprawnościami”.'
		},
		{ from: '1.8', to: '1.8', note: 'Tytuł bez zmian.' },

		// The synergy goal moves from 4 to 2; its first three operational goals come with it.
		{ from: '4', to: '2', note: 'Cel przeniesiony z numeru 4 na 2; tytuł bez zmian.' },
		{
			from: '4.1',
			to: '2.1',
			note: 'Współpraca przedsiębiorców, rozszerzona o samorządy i instytucje otoczenia biznesu.'
		},
		{ from: '4.2', to: '2.2', note: 'Miasto spotkań; dochodzą spotkania ogólnopolskie.' },
		{ from: '4.3', to: '2.3', note: 'Tytuł bez zmian; numer 4.3 → 2.3.' },

		// Infrastructure moves from 2 to 3.
		{ from: '2', to: '3', note: 'Cel przeniesiony z numeru 2 na 3; tytuł bez zmian.' },
		{ from: '2.1', to: '3.1', note: 'Infrastruktura społeczna: rozwój zamiast poprawy stanu.' },
		{
			from: '2.2',
			to: '3.2',
			note: 'Budownictwo mieszkaniowe; bez wzmianki o mieszkaniach socjalnych i komunalnych.'
		},
		{ from: '2.3', to: '3.3', note: 'Tytuł bez zmian; numer 2.3 → 3.3.' },
		{
			from: '2.4',
			to: '3.4',
			note: 'Komunikacja w układzie przestrzennym miasta; tytuł przeformułowany.'
		},
		{
			from: '2.5',
			to: '3.5',
			note: 'Transport zbiorowy; dochodzi polityka cenowa przejazdów komunikacją miejską.'
		},

		// Space and nature moves from 3 to 4 and is renamed "ład przestrzenny".
		{
			from: '3',
			to: '4',
			note: 'Cel przeniesiony z numeru 3 na 4; „harmonia przestrzeni i przyrody” zastąpiona przez „ład przestrzenny”.'
		},
		{ from: '3.1', to: '4.1', note: 'Środowisko naturalne; „dalsza” poprawa.' },
		{
			from: '3.2',
			to: '4.2',
			note: 'Ład przestrzenny: kontrolowany rozwój zamiast zapobiegania suburbanizacji; dochodzi estetyka przestrzeni.'
		},
		{ from: '3.3', to: '4.3', note: 'Tytuł bez zmian; numer 3.3 → 4.3.' }
	]
};
