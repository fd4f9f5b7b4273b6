import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// e2e tests run in a real Chromium against the built app on a fresh embedded database.
// A system Chromium is used where one is found (CHROMIUM_PATH, then /usr/bin/chromium).
const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DATA_DIR = `tests/.tmp/e2e-data-${PORT}`;

// The specs that only read (the page walk, the access matrix) run first, in two workers, the page
// walk's tests spread over both; then the journeys, which change the demo data, one at a time.
// The full run (tests/run.sh sets E2E_FULL=1) holds the journeys back until the readers are done;
// otherwise a spec named on the command line runs alone, without the readers before it.
const FULL = process.env.E2E_FULL === '1';
const READERS = ['a11y/pages.spec.ts', 'access-policy.spec.ts'];

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: FULL ? 2 : 1,
	projects: [
		{ name: 'readers', testMatch: READERS },
		{
			name: 'journeys',
			testIgnore: READERS,
			workers: 1,
			dependencies: FULL ? ['readers'] : []
		}
	],
	retries: 0,
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'pl-PL',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	webServer: {
		command: `rm -rf ${DATA_DIR} && npm run build && node server.js`,
		url: `http://localhost:${PORT}/api/health`,
		timeout: 240_000,
		reuseExistingServer: false,
		env: { PORT: String(PORT), DATA_DIR, ORIGIN: `http://localhost:${PORT}` },
		stdout: 'pipe'
	}
});
