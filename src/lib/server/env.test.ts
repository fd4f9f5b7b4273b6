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

	it('reads the mail settings: nothing sent without SMTP_URL, the digest at 7 by default', () => {
		const none = parseEnv({});
		expect(none.SMTP_URL).toBeUndefined();
		expect(none.DIGEST_HOUR).toBe(7);
		const mail = parseEnv({
			SMTP_URL: 'smtps://user:pass@mail.example:465',
			MAIL_FROM: 'Tablice <tablice@torun.example>',
			DIGEST_HOUR: '18'
		});
		expect(mail.SMTP_URL).toBe('smtps://user:pass@mail.example:465');
		expect(mail.MAIL_FROM).toBe('Tablice <tablice@torun.example>');
		expect(mail.DIGEST_HOUR).toBe(18);
		expect(() => parseEnv({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
		expect(() => parseEnv({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
		expect(() => parseEnv({ DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR/);
	});
});
