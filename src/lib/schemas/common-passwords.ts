import { dictionary } from '@zxcvbn-ts/language-common';

// The passwords people pick most often, from zxcvbn-ts's list (ordered by frequency, from
// leaked-password corpora): the first 1,000 are refused whenever a password is set, as OWASP ASVS
// 2.1.7 asks. Compared without regard to case, since "Qwertyuiop" is guessed as fast as
// "qwertyuiop". No `$lib` import here: the command-line user creation uses it too.

export const COMMON_PASSWORD_COUNT = 1000;

export const commonPasswords: readonly string[] = dictionary['passwords-common'].slice(
	0,
	COMMON_PASSWORD_COUNT
);

const refused = new Set(commonPasswords.map((p) => p.toLowerCase()));

export function isCommonPassword(password: string): boolean {
	return refused.has(password.toLowerCase());
}
