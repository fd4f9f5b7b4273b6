/**
 * A key for one send of a form's text (a UUID, version 4): the server saves a text sent twice with
 * the same key once, so a send repeated after the connection broke cannot write it twice. Made
 * with getRandomValues, which browsers offer on plain http too (randomUUID needs https).
 */
export function newSendKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
