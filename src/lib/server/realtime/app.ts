import type { Server } from 'node:http';
import { createAdapter as postgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as redisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import { db, initDatabase, startDatabase } from '../db/app';
import { env, type Env } from '../env';
import { attachRealtime, type Realtime, type SharedRooms } from './server';

// The app's one real-time server, kept on globalThis: the production server (server.js) and the
// dev server (vite.config.ts) attach it to their HTTP server, and routes reach it here to end the
// sockets of a session that ends.

const KEY = Symbol.for('torun.realtime');
type Holder = { [KEY]?: Realtime };
const holder = globalThis as Holder;

/** The adapter REALTIME_ADAPTER names, sharing rooms between instances; none for 'memory'. */
export function sharedRoomsFor(
	config: Pick<Env, 'REALTIME_ADAPTER' | 'DATABASE_URL' | 'REDIS_URL'>
): SharedRooms | undefined {
	const logError = (error: Error) => console.error('Real-time adapter:', error.message);
	if (config.REALTIME_ADAPTER === 'postgres') {
		const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
		pool.on('error', logError);
		// Its table (socket_io_attachments) is made by the migrations.
		return {
			adapter: postgresAdapter(pool, { errorHandler: logError }),
			close: () => pool.end()
		};
	}
	if (config.REALTIME_ADAPTER === 'redis') {
		const publisher = createClient({ url: config.REDIS_URL });
		const subscriber = publisher.duplicate();
		for (const client of [publisher, subscriber]) {
			client.on('error', logError);
			// Commands wait in the client's queue until it is connected.
			void client.connect().catch(logError);
		}
		return {
			adapter: redisAdapter(publisher, subscriber),
			async close() {
				await Promise.allSettled([publisher.quit(), subscriber.quit()]);
			}
		};
	}
	return undefined;
}

export function attachToApp(httpServer: Server, origin: string): Realtime {
	holder[KEY] ??= attachRealtime(httpServer, {
		db,
		// Opens the database now if the app has not yet (in development it would wait for the
		// first request).
		ready: initDatabase(),
		origin,
		sharedRooms: sharedRoomsFor(env()),
		listen: async (channel, onNotify) => (await startDatabase()).listen(channel, onNotify)
	});
	return holder[KEY];
}

export function realtime(): Realtime | undefined {
	return holder[KEY];
}
