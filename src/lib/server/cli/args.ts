import { parseArgs } from 'node:util';
import { backupArgs } from '../backup';

// The arguments of db:backup and db:restore, parsed with Zod; an unknown one is an error.
export function cliArgs() {
	const { values } = parseArgs({
		options: { file: { type: 'string' }, yes: { type: 'boolean', short: 'y' } }
	});
	const parsed = backupArgs.safeParse(values);
	if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
	return parsed.data;
}

/** Runs a command; its failure is one line on stderr and exit code 1, never a stack trace. */
export async function runCommand(main: () => Promise<void>) {
	try {
		await main();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	}
}
