// Whether an error means the database cannot be reached right now (stopped, restarting, the
// network to it gone), as opposed to a query that is wrong: such a request is answered 503
// ("try again shortly"), not 500, and the pool's next connection finds the server once it is back.

/** PostgreSQL's codes for a server that is shutting down, starting or cut off (class 08, 57P0x). */
const SERVER_CODES = new Set([
	'57P01',
	'57P02',
	'57P03',
	'08000',
	'08001',
	'08003',
	'08004',
	'08006'
]);
/** Node's codes for a connection refused, reset or timed out. */
const SOCKET_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN'
]);
/** node-postgres says these with no code. */
const MESSAGES = [
	/connection terminated/i,
	/timeout exceeded when trying to connect/i,
	/client has encountered a connection error/i,
	/connection ended unexpectedly/i
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!(error instanceof Error) || depth > 3) return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string' && (SERVER_CODES.has(code) || SOCKET_CODES.has(code))) return true;
	if (MESSAGES.some((pattern) => pattern.test(error.message))) return true;
	// A refused connection to a host with several addresses comes as an AggregateError.
	const inner = error instanceof AggregateError ? error.errors : [];
	return [error.cause, ...inner].some((e) => isDatabaseUnavailable(e, depth + 1));
}
