// npm run db:restore [-- --file backups/….dump] [-- --yes]: replaces the app's database with a
// backup (the newest in backups/ without --file). Asks first unless --yes. On a server,
// pg_restore --clean --if-exists --no-owner in one transaction; on the embedded database, the
// dump replaces DATA_DIR's files (refused while the app runs on it). Then the attached files
// backed up beside it (<file>.files/) replace the files directory.
import { createInterface } from 'node:readline/promises';
import { describeFiles, describeTarget, latestBackupFile, restore } from '../backup';
import { env } from '../env';
import { cliArgs, runCommand } from './args';

await runCommand(async () => {
	const args = cliArgs();
	const target = env();
	const file = args.file ?? latestBackupFile(target);
	if (!file) throw new Error('No backup to restore: pass --file <path>.');
	const what = `${describeTarget(target)} with ${file}`;
	if (!args.yes) {
		if (!process.stdin.isTTY)
			throw new Error(`Restoring replaces ${what}: add --yes to confirm without a terminal.`);
		const rl = createInterface({ input: process.stdin, output: process.stdout });
		const answer = await rl.question(`Replace ${what}? Everything in it now is lost. [y/N] `);
		rl.close();
		if (!/^(y|yes|t|tak)$/i.test(answer.trim())) {
			console.log('Nothing restored.');
			return;
		}
	}
	const files = await restore(target, file);
	console.log(`Restored ${what}.`);
	console.log(describeFiles(target, file, files));
});
