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

/**
 * Paraglide's generated registry makes a new Intl.PluralRules for every plural message it
 * formats: about 0.1 ms each on the server (the notifications bell on every page, the counts on
 * every tile), when one per language would do. This keeps one per language and options.
 */
function pluralRulesOnce(): Plugin {
	const made = 'return new Intl.PluralRules(locale, options).select(Number(input))';
	return {
		name: 'torun-plural-rules-once',
		transform(code, id) {
			if (!id.endsWith('/src/lib/paraglide/registry.js')) return;
			if (!code.includes(made)) {
				this.warn('registry.js no longer makes its plural rules as expected: they are not kept');
				return;
			}
			const kept =
				'const key = `${locale} ${JSON.stringify(options ?? {})}`;\n' +
				'\tlet rules = pluralRules.get(key);\n' +
				'\tif (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locale, options)));\n' +
				'\treturn rules.select(Number(input))';
			return `const pluralRules = new Map();\n${code.replace(made, kept)}`;
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
		pluralRulesOnce(),
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
