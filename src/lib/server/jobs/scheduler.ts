import { sweepOrphanFiles } from '../attachments/sweep';
import type { Db } from '../db';
import { fileStore } from '../files/store';
import { sweepDueNotifications } from '../notifications/due';
import { RETENTION_SWEEP_MS, sweepRetention } from '../retention';

// The app's recurring jobs, started once by the server hook's init, after the database is open.
// Each job is idempotent and safe to run on several instances at once (a due-date notice is
// written once per card and day; retention deletes what has expired), so no instance needs to be
// elected to run them. Each runs at start, then every `everyMs`.

interface Job {
	name: string;
	everyMs: number;
	run(db: Db): Promise<unknown>;
}

export const JOBS: readonly Job[] = [
	// Cards falling due: their people are notified.
	{ name: 'Due-date notifications', everyMs: 15 * 60_000, run: (db) => sweepDueNotifications(db) },
	// Personal data past its time (GDPR storage limitation).
	{ name: 'Retention sweep', everyMs: RETENTION_SWEEP_MS, run: (db) => sweepRetention(db) },
	// Files no attachment records (an upload cut off mid-way, a removal whose delete failed).
	{
		name: 'Orphan file sweep',
		everyMs: 60 * 60_000,
		run: (db) => sweepOrphanFiles(db, fileStore())
	}
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
