import type { InstanceRole, MembershipRole } from '../../src/lib/server/db/schema';
import { COORDINATOR, COUNTY_OFFICE, SAMPLE_NGOS } from './organizations';

// The demo accounts: one person for each kind of user, so that a visitor can see the app from
// every side. They exist only in a demo database (see seedDatabase's `demo` option); the e-mail
// domain is a reserved .example one, so no message can ever reach a real person.

export const DEMO_PASSWORD = 'demo-torun-2028';

export interface DemoAccount {
	email: string;
	name: string;
	role: InstanceRole;
	/** The organisation's name, or null for none. */
	organization: string | null;
	membershipRole: MembershipRole;
	/** Who this is, in one line, for the start-up banner and the README. */
	en: string;
	pl: string;
}

const SAMPLE_NGO = SAMPLE_NGOS[0]!.name;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{
		email: 'admin@torun.example',
		name: 'Agnieszka Nowak',
		role: 'admin',
		organization: null,
		membershipRole: 'member',
		en: 'administrator: people, organisations and roles',
		pl: 'administratorka: osoby, organizacje i role'
	},
	{
		email: 'koordynator@torun.example',
		name: 'Krzysztof Wiśniewski',
		role: 'coordinator',
		organization: COORDINATOR,
		membershipRole: 'manager',
		en: `strategy coordinator, manager in ${COORDINATOR}`,
		pl: `koordynator strategii, kierownik w: ${COORDINATOR}`
	},
	{
		email: 'wydzial@torun.example',
		name: 'Magdalena Zielińska',
		role: 'member',
		organization: 'Wydział Edukacji',
		// A manager: she reviews the reports of the NGOs on her department's cards.
		membershipRole: 'manager',
		en: 'manager in a city department (Wydział Edukacji): runs its board, reviews reports',
		pl: 'kierowniczka w wydziale Urzędu Miasta (Wydział Edukacji): prowadzi tablicę, ocenia raporty'
	},
	{
		email: 'ngo@torun.example',
		name: 'Tomasz Lewandowski',
		role: 'member',
		organization: SAMPLE_NGO,
		membershipRole: 'member',
		en: `member of a sample NGO (${SAMPLE_NGO})`,
		pl: `członek przykładowej organizacji pozarządowej (${SAMPLE_NGO})`
	},
	{
		email: 'powiat@torun.example',
		name: 'Ewa Kamińska',
		role: 'member',
		organization: COUNTY_OFFICE,
		membershipRole: 'member',
		en: `staff of the county office (${COUNTY_OFFICE})`,
		pl: `pracowniczka Starostwa Powiatowego w Toruniu (${COUNTY_OFFICE})`
	}
];
