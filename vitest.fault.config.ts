import { configDefaults, defineConfig } from 'vitest/config';
import base from './vite.config.ts';

// The fault tests (tests/integration/fault): the built app as a child process on PostgreSQL
// servers of their own, which they stop, start and kill. They run once, on their own (npm run
// test:fault, or the step of tests/run.sh after the browser tests, which reuses their build),
// one file at a time: each starts a server and the app, and the machine is small.
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['tests/integration/fault/**/*.test.ts'],
		exclude: configDefaults.exclude,
		// Their servers are PostgreSQL: no embedded snapshot is needed.
		globalSetup: [],
		fileParallelism: false,
		testTimeout: 90_000,
		hookTimeout: 120_000
	}
});
