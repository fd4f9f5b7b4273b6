import type { Server } from 'node:http';
import { db } from '../db/app';
import { attachRealtime, type Realtime } from './server';

// The app's one real-time server, kept on globalThis: the production server (server.js) and the
// dev server (vite.config.ts) attach it to their HTTP server, and routes reach it here to end the
// sockets of a session that ends.

const KEY = Symbol.for('torun.realtime');
type Holder = { [KEY]?: Realtime };
const holder = globalThis as Holder;

export function attachToApp(httpServer: Server, origin: string): Realtime {
	holder[KEY] ??= attachRealtime(httpServer, { db, origin });
	return holder[KEY];
}

export function realtime(): Realtime | undefined {
	return holder[KEY];
}
