import type { Db } from '../db';
import { runDigests, runOutbox } from '../email/mailer';
import { sweepDueNotifications } from '../notifications/due';
import { RETENTION_SWEEP_MS, sweepRetention } from '../retention';

// The app's recurring jobs, started once by the server hook's init, after the database is open.
// Each job is idempotent and safe to run on several instances at once (a due-date notice is
// written once per card and day; retention deletes what has expired; e-mail claims its rows with
// SKIP LOCKED and a lease), so no instance needs to be
// elected to run them. Each runs at start, then every `everyMs`.

interface Job {
	name: string;
	everyMs: number;
	run(db: Db): Promise<unknown>;
}

export const JOBS: readonly Job[] = [
	// Cards falling due: their people are notified.
	{ name: 'Due-date notifications', everyMs: 15 * 60_000, run: (db) => sweepDueNotifications(db) },
	// E-mail: messages made from new notifications, then sent (or kept, without SMTP_URL).
	{ name: 'E-mail outbox', everyMs: 30_000, run: (db) => runOutbox(db) },
	// The daily digest, from its hour on (Europe/Warsaw); one a day per person.
	{ name: 'E-mail digest', everyMs: 5 * 60_000, run: (db) => runDigests(db) },
	// Personal data past its time (GDPR storage limitation).
	{ name: 'Retention sweep', everyMs: RETENTION_SWEEP_MS, run: (db) => sweepRetention(db) }
];

export function startJobs(db: () => Db, jobs: readonly Job[] = JOBS) {
	const timers = jobs.map((job) => {
		const run = () =>
			void job.run(db()).catch((error) => console.error(`${job.name}:`, error.message));
		run();
		const timer = setInterval(run, job.everyMs);
		timer.unref();
		return timer;
	});
	return {
		stop() {
			for (const timer of timers) clearInterval(timer);
		}
	};
}
