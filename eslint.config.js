import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Where queries go (docs/architecture.md, "The layers"): a Kysely query is written in a feature's
// repository (src/lib/server/<feature>/repository.ts or *-repository.ts), as a function taking the
// executor first; visibility's SQL forms stay in src/lib/server/auth/policy.ts.
const QUERIES_GO =
	'Queries go in a repository: src/lib/server/<feature>/repository.ts (or *-repository.ts), called from a service.';
const QUERY_CALLS = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom'].map((method) => ({
	selector: `CallExpression[callee.type='MemberExpression'][callee.property.name='${method}']`,
	message: `.${method}() outside a repository. ${QUERIES_GO}`
}));

// Forms: one `enhance` for all (src/lib/forms/enhance.ts), which keeps the page and what was
// typed when the connection is down; SvelteKit's own would leave for an error page.
const ONE_ENHANCE =
	"Import enhance from '$lib/forms/enhance': it keeps the page and the typed values when the connection is down.";

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'src/lib/paraglide/', 'data/', 'test-results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'no-undef': 'off',
			// The app is served at the root (no `paths.base`), so plain hrefs are already resolved.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Migrations are frozen in time: they speak Kysely<any>, never the app's current types.
		files: ['db/migrations/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		// Queries live in repositories: routes and components call services, never Kysely; forms
		// use the app's enhance.
		files: ['src/routes/**', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{ name: 'kysely', message: QUERIES_GO },
						{ name: '$app/forms', importNames: ['enhance'], message: ONE_ENHANCE }
					],
					patterns: [{ group: ['kysely/*'], message: QUERIES_GO }]
				}
			],
			'no-restricted-syntax': ['error', ...QUERY_CALLS]
		}
	},
	{
		// On the server, a query is a repository's (or the visibility module's, or the database
		// layer's); services hold the rules and the transactions and call repository functions.
		files: ['src/lib/server/**/*.ts'],
		ignores: [
			'src/lib/server/**/repository.ts',
			'src/lib/server/**/*-repository.ts',
			'src/lib/server/auth/policy.ts',
			'src/lib/server/db/**'
		],
		rules: { 'no-restricted-syntax': ['error', ...QUERY_CALLS] }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	}
);
