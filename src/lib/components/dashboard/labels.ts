import { m } from '$lib/paraglide/messages';
import type { Progress } from '$lib/domain/progress';
import type { DashboardKind } from '$lib/schemas/dashboard';

// Kinds of organisation in words (plural: they name a group of rows).

const kinds: Record<DashboardKind, () => string> = {
	all: m.org_kind_all,
	city_department: m.org_kind_city_department,
	city_unit: m.org_kind_city_unit,
	public_institution: m.org_kind_public_institution,
	county: m.org_kind_county,
	municipality: m.org_kind_municipality,
	ngo: m.org_kind_ngo,
	private: m.org_kind_private,
	informal_group: m.org_kind_informal_group
};

export const kindLabel = (kind: DashboardKind) => kinds[kind]();

/** "3 (18%)": cards done, and their share where there are cards at all. */
export const doneText = (p: Progress) =>
	p.percent === null ? String(p.done) : `${p.done} (${p.percent}%)`;
