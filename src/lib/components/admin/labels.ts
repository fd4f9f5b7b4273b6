import { m } from '$lib/paraglide/messages';
import { INSTANCE_ROLES, MEMBERSHIP_ROLES } from '$lib/schemas/user-constants';

// Words and helpers shared by the administration's pages.

type InstanceRole = (typeof INSTANCE_ROLES)[number];
type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

const instanceRoles: Record<InstanceRole, () => string> = {
	admin: m.role_admin,
	coordinator: m.role_coordinator,
	member: m.role_member
};
const membershipRoles: Record<MembershipRole, () => string> = {
	manager: m.membership_manager,
	member: m.membership_member
};

export const instanceRoleLabel = (role: InstanceRole) => instanceRoles[role]();
export const membershipRoleLabel = (role: MembershipRole) => membershipRoles[role]();

export const instanceRoleOptions = () =>
	INSTANCE_ROLES.map((value) => ({ value, label: instanceRoleLabel(value) }));
export const membershipRoleOptions = () =>
	MEMBERSHIP_ROLES.map((value) => ({ value, label: membershipRoleLabel(value) }));

/** What a form action answered: `intent` on success, the echoed hidden `intent` on failure. */
export interface AdminFormResult {
	intent?: string;
	done?: string;
	errors?: Record<string, string[] | undefined>;
	message?: string;
	values?: Record<string, unknown>;
}

/**
 * The answer of the last action if it came from the form of `intent`, else null: a page with
 * several forms shows each outcome, and each error, beside the form it belongs to.
 */
export function scoped(
	form: AdminFormResult | null | undefined,
	intent: string
): AdminFormResult | null {
	if (!form) return null;
	return form.intent === intent || form.values?.intent === intent ? form : null;
}
