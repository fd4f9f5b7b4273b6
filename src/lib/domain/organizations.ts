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
