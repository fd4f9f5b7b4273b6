import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { AddressInfo } from 'node:net';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';

/** In `npm run dev`, the real-time server on Vite's own HTTP server, as server.js does in production. */
function realtime(): Plugin {
	return {
		name: 'torun-realtime',
		configureServer(server) {
			const httpServer = server.httpServer;
			if (!httpServer) return;
			httpServer.once('listening', async () => {
				const { port } = httpServer.address() as AddressInfo;
				const app = await server.ssrLoadModule('/src/lib/server/realtime/app.ts');
				app.attachToApp(httpServer, process.env.ORIGIN ?? `http://localhost:${port}`);
			});
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The chosen language lives in a cookie, so URLs stay the same in both languages.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		sveltekit(),
		realtime()
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		// The fault tests need the built app and servers of their own: vitest.fault.config.ts.
		exclude: [...configDefaults.exclude, 'tests/integration/fault/**'],
		environment: 'node',
		globalSetup: ['tests/helpers/migrated-snapshot.setup.ts'],
		// Each PGlite instance is a whole Postgres in WASM: keep the workers few.
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
