import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResetSchema, newPersonSchema } from '../../../src/lib/schemas/users';
import {
	COMMON_PASSWORD_COUNT,
	commonPasswords,
	isCommonPassword
} from '../../../src/lib/schemas/common-passwords';
import { createPerson } from '../../../src/lib/server/users/service';
import { makePerson } from '../../helpers/boards';
import { createTestDatabase, type TestDatabase } from '../../helpers/db';

// OWASP ASVS V2.1 and V2.4: how passwords are stored (argon2id, with at least OWASP's minimum
// cost), and that the most common ones cannot be set in any of the three places a password is
// set: a new account, a reset by an administrator, and `npm run user:create`.

const messages = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe('stored passwords', () => {
	it('are argon2id hashes with m ≥ 19 MiB, t ≥ 2, p = 1 and a salt of their own', async () => {
		const admin = await makePerson(t.db, 'admin');
		const input = (email: string) =>
			newPersonSchema.parse({
				email,
				name: 'Osoba',
				role: 'member',
				password: 'wiślana-bulwar-2030'
			});
		const people = [
			await createPerson(t.db, admin, input('argon-a@example.test')),
			await createPerson(t.db, admin, input('argon-b@example.test'))
		];
		const hashes = await t.db
			.selectFrom('user')
			.select('passwordHash')
			.where(
				'id',
				'in',
				people.map((p) => p.id)
			)
			.execute();
		const parsed = hashes.map(({ passwordHash }) => {
			const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([^$]+)\$([^$]+)$/.exec(
				passwordHash
			);
			expect(match, passwordHash).not.toBeNull();
			return { m: Number(match![1]), t: Number(match![2]), p: Number(match![3]), salt: match![4] };
		});
		for (const { m, t: passes, p } of parsed) {
			expect(m).toBeGreaterThanOrEqual(19 * 1024);
			expect(passes).toBeGreaterThanOrEqual(2);
			expect(p).toBe(1);
		}
		// The same password, two different hashes: each has its own salt.
		expect(parsed[0]!.salt).not.toBe(parsed[1]!.salt);
	});
});

describe('common passwords', () => {
	// Every 10th of the list, and every one long enough to pass the length rule on its own.
	const sample = [
		...commonPasswords.filter((p, i) => i % 10 === 0 || p.length >= 10),
		'password',
		'123456789',
		'qwertyuiop',
		'QwertyUIOP'
	];

	it(`are the ${COMMON_PASSWORD_COUNT} most frequent of a maintained list`, () => {
		expect(commonPasswords).toHaveLength(COMMON_PASSWORD_COUNT);
		expect(new Set(commonPasswords).size).toBe(COMMON_PASSWORD_COUNT);
		expect(commonPasswords.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
		for (const password of ['qwertyuiop', '1234567890', '1q2w3e4r5t'])
			expect(isCommonPassword(password), password).toBe(true);
		expect(isCommonPassword('wiślana-bulwar-2030')).toBe(false);
	});

	it('are refused for a new account and a reset, with a message in the language of the page', () => {
		const common = messages('pl').error_common_password;
		expect(common).toBeTruthy();
		expect(messages('en').error_common_password).toBeTruthy();
		expect(messages('en').error_common_password).not.toBe(common);
		let longEnough = 0;
		for (const password of sample) {
			const reset = passwordResetSchema.safeParse({ password });
			const created = newPersonSchema.safeParse({
				email: 'nowa@example.test',
				name: 'Nowa',
				role: 'member',
				password
			});
			expect(reset.success, password).toBe(false);
			expect(created.success, password).toBe(false);
			// A short one is refused for its length already; a long one for being common.
			if (password.length >= 10) {
				longEnough += 1;
				expect(reset.error!.issues.map((i) => i.message)).toEqual([common]);
				expect(created.error!.issues.map((i) => [i.path, i.message])).toEqual([
					[['password'], common]
				]);
			}
		}
		expect(longEnough).toBeGreaterThanOrEqual(12);
		expect(passwordResetSchema.safeParse({ password: 'wiślana-bulwar-2030' }).success).toBe(true);
	});

	it('are refused by `npm run user:create` before it opens the database', async () => {
		// A data directory that is not there: a run that opened the database would create it.
		const dataDir = path.join(tmpdir(), `user-create-${process.pid}-${Date.now()}`);
		const email = 'pierwsza@example.test';
		const refused = spawnSync(
			process.execPath,
			[
				'node_modules/tsx/dist/cli.mjs',
				'src/lib/server/cli/user-create.ts',
				...['--email', email, '--name', 'Pierwsza Osoba', '--password', 'qwertyuiop']
			],
			{
				encoding: 'utf8',
				env: { ...process.env, DATABASE_URL: t.url ?? '', DATA_DIR: dataDir },
				timeout: 60_000
			}
		);
		expect(refused.status).toBe(1);
		expect(refused.stderr).toContain('password: this is one of the most common passwords');
		expect(existsSync(dataDir)).toBe(false);
		const written = await t.db.selectFrom('user').select('id').where('email', '=', email).execute();
		expect(written).toEqual([]);
	}, 60_000);
});
