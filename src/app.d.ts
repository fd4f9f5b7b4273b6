import type { SessionUser, ValidSession } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			id?: string;
			/** The status the answer is sent with, where it differs from the thrown one (503). */
			status?: number;
		}
		interface Platform {
			/** adapter-node's request, for an upload streamed past its body limit (server.js). */
			req?: import('node:http').IncomingMessage;
		}
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			/** How many of the person's notifications are unread, read with the session. */
			unread: number;
			locale: 'pl' | 'en';
			/** The colour theme chosen on this device (its cookie), `system` when none. */
			theme: 'light' | 'dark' | 'system';
			/** Set when the request failed because the database was unreachable: answered 503. */
			databaseDown?: boolean;
		}
	}
}

export {};
