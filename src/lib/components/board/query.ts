/**
 * The query string of `params` with some keys set or (null) removed: links between views keep
 * the filters they share. Returns '' or '?…'.
 */
export function queryWith(params: URLSearchParams, changes: Record<string, string | null>): string {
	const next = new URLSearchParams(params);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null) next.delete(key);
		else next.set(key, value);
	}
	const query = next.toString();
	return query ? `?${query}` : '';
}
