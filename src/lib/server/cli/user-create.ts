// npm run user:create [-- --email a@b.pl --name "Imię Nazwisko" --password … --role admin]
// Creates a person (by default an administrator), asking for what the arguments leave out.
// This is how a real installation gets its first administrator.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isCommonPassword } from '../../schemas/common-passwords';
import type { Db } from '../db';
import { migrateToLatest } from '../db/migrate';
import { ValidationError } from '../errors';
import { createPersonFromCli } from '../users/service';
import { runCli } from './open';

const input = z.object({
	email: z.string().trim().toLowerCase().pipe(z.email('not a valid e-mail address')),
	name: z.string().trim().min(1, 'a name is required').max(200),
	password: z
		.string()
		.min(10, 'the password needs at least 10 characters')
		.max(256)
		.refine(
			(p) => !isCommonPassword(p),
			'this is one of the most common passwords: choose another'
		),
	role: z.enum(['admin', 'coordinator', 'member'])
});

const { values } = parseArgs({
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		password: { type: 'string' },
		role: { type: 'string', default: 'admin' }
	}
});

async function ask(): Promise<Record<string, string | undefined>> {
	if (values.email && values.name && values.password) return values;
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	try {
		return {
			...values,
			email: values.email ?? (await rl.question('E-mail: ')),
			name: values.name ?? (await rl.question('Name: ')),
			password: values.password ?? (await rl.question('Password (at least 10 characters): '))
		};
	} finally {
		rl.close();
	}
}

// Checked before the database is opened: a refused input touches nothing.
const parsed = input.safeParse(await ask());
if (!parsed.success) {
	console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
	process.exitCode = 1;
} else {
	await runCli(({ db }) => create(db, parsed.data));
}

async function create(db: Db, { email, name, password, role }: z.output<typeof input>) {
	await migrateToLatest(db);
	try {
		await createPersonFromCli(db, { email, name, password, role });
	} catch (error) {
		if (error instanceof ValidationError && error.field === 'email')
			throw new Error(`A person with the e-mail ${email} already exists.`);
		throw error;
	}
	console.log(`Created ${role} ${email}.`);
}
