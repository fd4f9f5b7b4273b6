// The kinds of organisation, in the order they are offered: the city first, NGOs later.
export const ORGANIZATION_KINDS = [
	'city_department',
	'city_unit',
	'public_institution',
	'county',
	'municipality',
	'ngo',
	'private',
	'informal_group'
] as const;

/**
 * How the app names an organisation: one rule for every page, export and tooltip.
 *
 * - Compact places (a board's tile, a chip, a narrow table cell, a row of a queue, a chart's
 *   axis) show the SHORT name (`orgShortName`), with the full name as their tooltip and for
 *   screen readers (the `OrgName` component with `compact`).
 * - Full places (the card's people and organisations, option lists, a board's header and
 *   settings, reports and exports) show the FULL name (`orgFullName`): the registered name,
 *   with the short name in brackets where it tells something the name does not: an acronym
 *   ("Wydział Rozwoju i Programowania Europejskiego (WRiPE)") or the office a unit belongs to
 *   ("Wydział Projektów Europejskich, … (Starostwo Powiatowe w Toruniu)"); not a short form the
 *   name already holds ("Gmina Lubicz", not "Gmina Lubicz (Lubicz)").
 */
export interface NamedOrganization {
	name: string;
	shortName?: string | null;
}

const shortOf = (org: NamedOrganization) => org.shortName?.trim() || null;
const lower = (text: string) => text.toLocaleLowerCase('pl');

/** Whether the short name says something the full one does not (see the rule above). */
function addsToName(name: string, short: string): boolean {
	if (lower(short) === lower(name)) return false;
	const firstWord = short.split(/[\s(),]+/).find(Boolean) ?? short;
	return !lower(name).includes(lower(firstWord));
}

/** The name for a compact place: the short name, or the full name where there is none. */
export function orgShortName(org: NamedOrganization): string {
	return shortOf(org) ?? org.name;
}

/** The name for a full place: the name, with the short name in brackets where it adds to it. */
export function orgFullName(org: NamedOrganization): string {
	const short = shortOf(org);
	return short && addsToName(org.name, short) ? `${org.name} (${short})` : org.name;
}
