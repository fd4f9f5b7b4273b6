import { email, newPassword } from './auth';
import { optionalId, recordId } from './common';
import { m } from '$lib/paraglide/messages';
import { INSTANCE_ROLES, MEMBERSHIP_ROLES } from './user-constants';
import { z } from './zod';

// The administration of people: one schema per form, shared by the pages and the server.

export { INSTANCE_ROLES, MEMBERSHIP_ROLES };

export const instanceRole = z.enum(INSTANCE_ROLES);
export const membershipRole = z.enum(MEMBERSHIP_ROLES);

/** The list's text filter (`?q=`): lenient, since a filter that is too long simply matches less. */
export const userFilterSchema = z.object({
	q: z
		.string()
		.optional()
		.transform((v) => (v ?? '').trim().slice(0, 100))
});

export const personSchema = z.object({
	email,
	name: z.string().trim().min(1).max(200),
	role: instanceRole
});

export const newPersonSchema = personSchema.extend({
	password: newPassword,
	organizationId: optionalId,
	membershipRole: membershipRole.default('member')
});

export const membershipSchema = z.object({
	organizationId: recordId,
	role: membershipRole
});

export const membershipRefSchema = z.object({ organizationId: recordId });

export const passwordResetSchema = z.object({ password: newPassword });

export type PersonInput = z.output<typeof personSchema>;
export type NewPersonInput = z.output<typeof newPersonSchema>;
export type MembershipInput = z.output<typeof membershipSchema>;

/** Erasing a person's data asks for a ticked "I understand" besides the button. */
export const eraseSchema = z.object({
	confirm: z.literal('yes', { error: () => m.user_erase_confirm_required() })
});
