// npm run db:backup [-- --file backups/before-upgrade.dump]: a backup of the app's database —
// pg_dump -Fc of DATABASE_URL's database, or a .tar.gz of the embedded one in DATA_DIR (refused
// while the app runs on it), and the attached files of a directory store copied beside it as
// <file>.files/. Without --file: backups/<time>.dump or .tar.gz.
import fs from 'node:fs';
import { backup, describeFiles, describeTarget, defaultBackupFile } from '../backup';
import { env } from '../env';
import { cliArgs, runCommand } from './args';

await runCommand(async () => {
	const args = cliArgs();
	const target = env();
	const file = args.file ?? defaultBackupFile(target);
	const files = await backup(target, file);
	const kb = Math.round(fs.statSync(file).size / 1024);
	console.log(`Backed up ${describeTarget(target)} to ${file} (${kb} kB).`);
	console.log(describeFiles(target, file, files));
});
