// The security headers every answer carries, in one list for both places that set them: the
// app's server hook (pages, actions and endpoints, in development too) and server.js (static
// files and the answers made outside the app). Plain JavaScript with no imports, so that
// server.js can load it without the build.

/**
 * @param {boolean} https whether the app is served over TLS (then browsers are told to keep to it)
 * @returns {Record<string, string>}
 */
export function securityHeaders(https) {
	return {
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'strict-origin-when-cross-origin',
		'X-Frame-Options': 'DENY',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
		...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {})
	};
}
