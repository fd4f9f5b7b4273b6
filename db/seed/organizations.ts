import type { SeedOrganization } from './types';

// The organisations the app starts with. The coordinator and the county office are named in the
// documents (003, 004); the municipalities are the nine gminy of the Toruń County; the other city
// departments are the usual ones of Urząd Miasta Torunia, there so that work can be shared out
// from the first day. The NGOs are invented, and their names say so: "(przykład)".

export const COORDINATOR = 'Wydział Rozwoju i Programowania Europejskiego';
export const COUNTY_OFFICE = 'Wydział Projektów Europejskich, Informacji i Współpracy z Mediami';

export const CITY_DEPARTMENTS: readonly SeedOrganization[] = [
	{ name: COORDINATOR, shortName: 'WRiPE', kind: 'city_department', isCoordinator: true },
	{ name: 'Wydział Edukacji', shortName: null, kind: 'city_department' },
	{ name: 'Wydział Kultury', shortName: null, kind: 'city_department' },
	{ name: 'Wydział Sportu i Rekreacji', shortName: null, kind: 'city_department' },
	{ name: 'Wydział Gospodarki Komunalnej', shortName: null, kind: 'city_department' },
	{ name: 'Wydział Promocji i Turystyki', shortName: null, kind: 'city_department' }
];

export const COUNTY_OFFICES: readonly SeedOrganization[] = [
	{ name: COUNTY_OFFICE, shortName: 'Starostwo Powiatowe w Toruniu', kind: 'county' }
];

export const MUNICIPALITIES: readonly SeedOrganization[] = [
	{ name: 'Gmina Miasta Chełmża', shortName: 'Chełmża (miasto)', kind: 'municipality' },
	{ name: 'Gmina Chełmża', shortName: 'Chełmża (gmina wiejska)', kind: 'municipality' },
	{ name: 'Gmina Czernikowo', shortName: 'Czernikowo', kind: 'municipality' },
	{ name: 'Gmina Lubicz', shortName: 'Lubicz', kind: 'municipality' },
	{ name: 'Gmina Łubianka', shortName: 'Łubianka', kind: 'municipality' },
	{ name: 'Gmina Łysomice', shortName: 'Łysomice', kind: 'municipality' },
	{ name: 'Gmina Obrowo', shortName: 'Obrowo', kind: 'municipality' },
	{ name: 'Gmina Wielka Nieszawka', shortName: 'Wielka Nieszawka', kind: 'municipality' },
	{ name: 'Gmina Zławieś Wielka', shortName: 'Zławieś Wielka', kind: 'municipality' }
];

export const SAMPLE_NGOS: readonly SeedOrganization[] = [
	{ name: 'Fundacja Edukacji Pozaformalnej (przykład)', shortName: null, kind: 'ngo' },
	{
		name: 'Stowarzyszenie Sąsiedzkie Bydgoskie Przedmieście (przykład)',
		shortName: null,
		kind: 'ngo'
	},
	{ name: 'Toruński Klub Wolontariusza (przykład)', shortName: null, kind: 'ngo' },
	{ name: 'Koło Gospodyń Wiejskich w Łubiance (przykład)', shortName: null, kind: 'ngo' }
];

export const ORGANIZATIONS: readonly SeedOrganization[] = [
	...CITY_DEPARTMENTS,
	...COUNTY_OFFICES,
	...MUNICIPALITIES,
	...SAMPLE_NGOS
];
