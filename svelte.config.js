import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// SvelteKit's own check refuses a form post without this origin, which would refuse an
		// e-mail's one-click unsubscribe (RFC 8058, sent by mail providers without an Origin). The
		// server hook's check (src/lib/server/csrf.ts) does the same job, for every content type,
		// and lets that one address through.
		csrf: { trustedOrigins: ['*'] },
		// Only same-origin scripts: SvelteKit adds a hash for its own inline bootstrap script.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'connect-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
