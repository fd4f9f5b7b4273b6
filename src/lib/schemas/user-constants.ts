// What the pages need from the people's schemas, without the schemas: importing those would
// bring the common-password list (hundreds of kilobytes) into the browser, where it is not used.

export const MIN_PASSWORD_LENGTH = 10;
export const INSTANCE_ROLES = ['admin', 'coordinator', 'member'] as const;
export const MEMBERSHIP_ROLES = ['manager', 'member'] as const;
