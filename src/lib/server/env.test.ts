import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('environment', () => {
	it('has sensible defaults: the embedded database in ./data on port 3000', () => {
		const env = parseEnv({});
		expect(env.DATABASE_URL).toBeUndefined();
		expect(env.DATA_DIR).toBe('./data');
		expect(env.PORT).toBe(3000);
		expect(env.SEED_DEMO).toBe(false);
	});

	it('stops with a message naming the bad variable', () => {
		expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
		expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
		expect(() => parseEnv({ SEED_DEMO: 'yes' })).toThrow(/SEED_DEMO/);
	});

	it('reads a PostgreSQL URL and flags', () => {
		const env = parseEnv({ DATABASE_URL: 'postgres://u@h/db', SEED_DEMO: 'true' });
		expect(env.DATABASE_URL).toBe('postgres://u@h/db');
		expect(env.SEED_DEMO).toBe(true);
	});
});
