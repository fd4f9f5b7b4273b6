// npm run bench [-- --quick] [-- --embedded]: every benchmark in turn (the board page, live
// events, HTTP under 50 clients), then all their figures in one table. The app is built first
// when its build is missing or older than its sources (the live-events and HTTP benchmarks run the
// production server). Each benchmark runs as a process of its own and hands its table over in a
// file (BENCH_ROWS_FILE); a benchmark that fails is reported and the others still run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printTable, type Row } from './lib/stats';

const BENCHMARKS = ['board', 'realtime', 'http'];
/** What the build is made from: newer files here mean the build is stale. */
const SOURCES = ['src', 'db', 'messages', 'server.js', 'svelte.config.js', 'vite.config.ts'];

function newestChange(entry: string): number {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const name of readdirSync(entry)) {
		// Paraglide's output is compiled at every install and check: not a change of the app.
		if (name === 'node_modules' || name === 'paraglide') continue;
		newest = Math.max(newest, newestChange(path.join(entry, name)));
	}
	return newest;
}

function buildIfNeeded() {
	const handler = path.join('build', 'handler.js');
	const built = existsSync(handler) ? statSync(handler).mtimeMs : 0;
	if (built > Math.max(...SOURCES.map(newestChange))) return;
	console.log(built ? 'the build is older than the sources: building' : 'building the app');
	const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');
}

function main() {
	const args = process.argv.slice(2);
	buildIfNeeded();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
	const rowsFile = path.join(dir, 'rows.jsonl');
	const failed: string[] = [];
	try {
		for (const name of BENCHMARKS) {
			console.log(`\n=== ${name} ===`);
			const run = spawnSync('npx', ['tsx', `tests/bench/${name}.ts`, ...args], {
				stdio: 'inherit',
				env: { ...process.env, BENCH_ROWS_FILE: rowsFile }
			});
			if (run.status !== 0) failed.push(name);
		}
		const sections = existsSync(rowsFile)
			? readFileSync(rowsFile, 'utf8')
					.split('\n')
					.filter(Boolean)
					.map((line) => JSON.parse(line) as { section: string; rows: Row[] })
			: [];
		console.log('\n=== all figures ===');
		printTable(
			sections.flatMap(({ section, rows }) =>
				rows.map((row) => ({ ...row, measure: `[${section}] ${row.measure}` }))
			)
		);
		const [load1] = os.loadavg();
		console.log(
			`\n${os.availableParallelism()} cores shared by the clients, the server and PostgreSQL; ` +
				`load average now ${load1!.toFixed(1)}.`
		);
		if (failed.length) {
			console.error(`failed: ${failed.join(', ')}`);
			process.exitCode = 1;
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

main();
