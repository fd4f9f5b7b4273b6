/**
 * Whether the page's form result belongs to a component's forms: on success it carries the
 * component's key (`{ comment: 'added' }`); on failure the `intent` its forms post comes back
 * among the echoed values (`intent=comment-edit`).
 */
export function isFormOf(form: unknown, key: string): boolean {
	if (!form || typeof form !== 'object') return false;
	const f = form as Record<string, unknown> & { values?: { intent?: unknown } };
	return f[key] !== undefined || String(f.values?.intent ?? '').startsWith(key);
}
