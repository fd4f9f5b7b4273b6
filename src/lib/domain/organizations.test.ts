import { describe, expect, it } from 'vitest';
import { orgFullName, orgShortName } from './organizations';

// The organisations of the seed (db/seed/organizations.ts), as the rule names them.
const COORDINATOR = { name: 'Wydział Rozwoju i Programowania Europejskiego', shortName: 'WRiPE' };
const COUNTY = {
	name: 'Wydział Projektów Europejskich, Informacji i Współpracy z Mediami',
	shortName: 'Starostwo Powiatowe w Toruniu'
};
const LUBICZ = { name: 'Gmina Lubicz', shortName: 'Lubicz' };
const CHELMZA_TOWN = { name: 'Gmina Miasta Chełmża', shortName: 'Chełmża (miasto)' };
const NGO = { name: 'Fundacja Edukacji Pozaformalnej (przykład)', shortName: null };

describe('orgShortName: compact places', () => {
	it('shows the short name where there is one', () => {
		expect(orgShortName(COUNTY)).toBe('Starostwo Powiatowe w Toruniu');
		expect(orgShortName(COORDINATOR)).toBe('WRiPE');
		expect(orgShortName(CHELMZA_TOWN)).toBe('Chełmża (miasto)');
	});

	it('shows the full name where there is none, or it is blank', () => {
		expect(orgShortName(NGO)).toBe(NGO.name);
		expect(orgShortName({ name: 'Wydział Kultury' })).toBe('Wydział Kultury');
		expect(orgShortName({ name: 'Wydział Kultury', shortName: '  ' })).toBe('Wydział Kultury');
	});
});

describe('orgFullName: full places', () => {
	it('adds an acronym in brackets', () => {
		expect(orgFullName(COORDINATOR)).toBe('Wydział Rozwoju i Programowania Europejskiego (WRiPE)');
	});

	it('adds the office a unit belongs to in brackets', () => {
		expect(orgFullName(COUNTY)).toBe(
			'Wydział Projektów Europejskich, Informacji i Współpracy z Mediami (Starostwo Powiatowe w Toruniu)'
		);
	});

	it('leaves out a short name the full one already holds', () => {
		expect(orgFullName(LUBICZ)).toBe('Gmina Lubicz');
		expect(orgFullName(CHELMZA_TOWN)).toBe('Gmina Miasta Chełmża');
		expect(orgFullName({ name: 'Gmina Chełmża', shortName: 'Chełmża (gmina wiejska)' })).toBe(
			'Gmina Chełmża'
		);
		expect(orgFullName({ name: 'Wydział Kultury', shortName: 'wydział kultury' })).toBe(
			'Wydział Kultury'
		);
	});

	it('is the name alone without a short one', () => {
		expect(orgFullName(NGO)).toBe(NGO.name);
		expect(orgFullName({ name: 'Wydział Kultury', shortName: '' })).toBe('Wydział Kultury');
	});
});
