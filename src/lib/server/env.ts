import { z } from 'zod';

// The environment, parsed once. A bad value stops the start with a message naming it.

const booleanString = z
	.enum(['true', 'false', '1', '0', ''])
	.optional()
	.transform((v) => v === 'true' || v === '1');

const schema = z
	.object({
		NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
		DATABASE_URL: z
			.string()
			.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
			.optional()
			.or(z.literal('').transform(() => undefined)),
		DATA_DIR: z.string().min(1).default('./data'),
		/** Where attached files are kept; unset: `files` under DATA_DIR. */
		FILES_DIR: z
			.string()
			.optional()
			.or(z.literal('').transform(() => undefined)),
		/** An S3-compatible object store for attached files (with S3_BUCKET): several instances share it. */
		S3_ENDPOINT: z
			.url()
			.optional()
			.or(z.literal('').transform(() => undefined)),
		S3_BUCKET: z
			.string()
			.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 of a-z 0-9 . -)')
			.optional()
			.or(z.literal('').transform(() => undefined)),
		S3_REGION: z.string().min(1).default('us-east-1'),
		S3_ACCESS_KEY_ID: z
			.string()
			.optional()
			.or(z.literal('').transform(() => undefined)),
		S3_SECRET_ACCESS_KEY: z
			.string()
			.optional()
			.or(z.literal('').transform(() => undefined)),
		/** Addresses the bucket as <endpoint>/<bucket> (MinIO and most others) rather than a subdomain. */
		S3_FORCE_PATH_STYLE: z
			.enum(['true', 'false', '1', '0', ''])
			.optional()
			.transform((v) => v === undefined || v === '' || v === 'true' || v === '1'),
		/** The largest file one may attach, in megabytes. */
		MAX_UPLOAD_MB: z.coerce.number().positive().max(10_000).default(25),
		/** What all uploads together may take, in megabytes a second; 0: no limit (files/throttle.ts). */
		UPLOAD_MB_PER_S: z.coerce.number().min(0).max(10_000).default(24),
		/** How much attached files one organisation may keep, in megabytes; 0: no limit. */
		ORG_QUOTA_MB: z.coerce.number().min(0).default(2048),
		DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
		SEED_DEMO: booleanString,
		ORIGIN: z.url().optional(),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
		/** How several instances share real-time rooms: one instance needs none ('memory'). */
		REALTIME_ADAPTER: z.enum(['memory', 'postgres', 'redis']).default('memory'),
		REDIS_URL: z
			.string()
			.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
			.optional()
			.or(z.literal('').transform(() => undefined)),
		/** Where e-mail is sent; without it messages are only kept, for /admin/outbox. */
		SMTP_URL: z
			.string()
			.regex(/^smtps?:\/\/[^/]/, 'must be an smtp:// or smtps:// URL')
			.optional()
			.or(z.literal('').transform(() => undefined)),
		/** The sender of every message: an address, or `Name <address>`. */
		MAIL_FROM: z
			.string()
			.regex(/^(.+<)?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an e-mail address or Name <address>')
			.default('Tablice strategii Toruń <no-reply@torun.example>'),
		/** The hour (0–23, Europe/Warsaw) the daily digest goes out. */
		DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7)
	})
	.refine((e) => !e.S3_ENDPOINT === !e.S3_BUCKET, {
		path: ['S3_BUCKET'],
		message: 'S3_ENDPOINT and S3_BUCKET go together: set both (files in the bucket) or neither'
	})
	.refine((e) => !e.S3_ACCESS_KEY_ID === !e.S3_SECRET_ACCESS_KEY, {
		path: ['S3_SECRET_ACCESS_KEY'],
		message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together'
	})
	.refine((e) => e.REALTIME_ADAPTER !== 'postgres' || e.DATABASE_URL, {
		path: ['REALTIME_ADAPTER'],
		message: 'postgres needs DATABASE_URL'
	})
	.refine((e) => e.REALTIME_ADAPTER !== 'redis' || e.REDIS_URL, {
		path: ['REALTIME_ADAPTER'],
		message: 'redis needs REDIS_URL'
	});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
	const result = schema.safeParse(source);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid environment variables:\n${lines.join('\n')}`);
	}
	return result.data;
}

let cached: Env | undefined;

export function env(): Env {
	cached ??= parseEnv(process.env);
	return cached;
}
