import type { Server } from 'node:http';
import { createAdapter as postgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as redisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import { db, startDatabase } from '../db/app';
import { env, type Env } from '../env';
import { attachRealtime, type Realtime } from './server';

// The app's one real-time server, kept on globalThis: the production server (server.js) and the
// dev server (vite.config.ts) attach it to their HTTP server, and routes reach it here to end the
// sockets of a session that ends.

const KEY = Symbol.for('torun.realtime');
type Holder = { [KEY]?: Realtime };
const holder = globalThis as Holder;

/** The adapter REALTIME_ADAPTER names, sharing rooms between instances; none for 'memory'. */
export function adapterFor(config: Pick<Env, 'REALTIME_ADAPTER' | 'DATABASE_URL' | 'REDIS_URL'>) {
	const logError = (error: Error) => console.error('Real-time adapter:', error.message);
	if (config.REALTIME_ADAPTER === 'postgres') {
		const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
		pool.on('error', logError);
		// The adapter keeps messages over NOTIFY's 8 kB limit here (ours never are).
		void pool
			.query(
				`create table if not exists socket_io_attachments (
					id bigserial unique, created_at timestamptz default now(), payload bytea)`
			)
			.catch(logError);
		return postgresAdapter(pool, { errorHandler: logError });
	}
	if (config.REALTIME_ADAPTER === 'redis') {
		const publisher = createClient({ url: config.REDIS_URL });
		const subscriber = publisher.duplicate();
		for (const client of [publisher, subscriber]) {
			client.on('error', logError);
			// Commands wait in the client's queue until it is connected.
			void client.connect().catch(logError);
		}
		return redisAdapter(publisher, subscriber);
	}
	return undefined;
}

export function attachToApp(httpServer: Server, origin: string): Realtime {
	holder[KEY] ??= attachRealtime(httpServer, {
		db,
		origin,
		adapter: adapterFor(env()),
		listen: async (channel, onNotify) => (await startDatabase()).listen(channel, onNotify),
		sweepDue: true
	});
	return holder[KEY];
}

export function realtime(): Realtime | undefined {
	return holder[KEY];
}
