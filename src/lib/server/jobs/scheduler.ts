import { sweepOrphanFiles } from '../attachments/sweep';
import type { Db } from '../db';
import { runDigests, runOutbox } from '../email/mailer';
import { fileStore } from '../files/store';
import { sweepCycleReminders } from '../cycles/reminders';
import { sweepDueNotifications } from '../notifications/due';
import { RETENTION_SWEEP_MS, sweepRetention } from '../retention';

// The app's recurring jobs, started once by the server hook's init, after the database is open.
// Each job is idempotent and safe to run on several instances at once (a due-date notice is
// written once per card and day; retention deletes what has expired; e-mail claims its rows with
// SKIP LOCKED and a lease), so no instance needs to be elected to run them. Each runs at start,
// then every `everyMs`, and sooner when woken (wakeJob): the outbox is woken by every committed
// event, so that an e-mail leaves within seconds of what it tells, not up to 30 s later.

interface Job {
	name: string;
	everyMs: number;
	run(db: Db): Promise<unknown>;
}

export const OUTBOX_JOB = 'E-mail outbox';

/** A burst of wakes within this many milliseconds runs the job once, at its end. */
export const WAKE_AFTER_MS = 1_000;

/** The started jobs' wake functions, by name. */
const wakers = new Map<string, () => void>();

/**
 * Runs the named job soon (within WAKE_AFTER_MS), if it was started in this process; however
 * often it is called meanwhile, the job runs once. Under a stream of events: once a second.
 */
export function wakeJob(name: string): void {
	wakers.get(name)?.();
}

export const JOBS: readonly Job[] = [
	// Cards falling due: their people are notified.
	{ name: 'Due-date notifications', everyMs: 15 * 60_000, run: (db) => sweepDueNotifications(db) },
	// Reporting cycles' reminders before and after their deadlines, once per person and step.
	{ name: 'Reporting cycle reminders', everyMs: 60 * 60_000, run: (db) => sweepCycleReminders(db) },
	// E-mail: messages made from new notifications, then sent (or kept, without SMTP_URL).
	{ name: OUTBOX_JOB, everyMs: 30_000, run: (db) => runOutbox(db) },
	// The daily digest, from its hour on (Europe/Warsaw); one a day per person.
	{ name: 'E-mail digest', everyMs: 5 * 60_000, run: (db) => runDigests(db) },
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
	// At start the jobs run one after another, in the list's order, so that each finds what the
	// one before wrote: the outbox mails the due-date notices just swept, the digest gathers what
	// the outbox put aside. A start thus leaves the database settled, not changing 30 s later.
	let start: Promise<unknown> = Promise.resolve();
	let stopped = false;
	const timers = jobs.map((job) => {
		const run = async () => {
			if (stopped) return;
			await job.run(db()).catch((error) => console.error(`${job.name}:`, error.message));
		};
		start = start.then(run);
		const timer = setInterval(() => void run(), job.everyMs);
		timer.unref();
		let waking: NodeJS.Timeout | undefined;
		wakers.set(job.name, () => {
			if (stopped || waking) return;
			// Once stopped, the run it leads to does nothing.
			waking = setTimeout(() => {
				waking = undefined;
				void run();
			}, WAKE_AFTER_MS);
			waking.unref();
		});
		return timer;
	});
	return {
		stop() {
			stopped = true;
			for (const timer of timers) clearInterval(timer);
			for (const job of jobs) wakers.delete(job.name);
		}
	};
}
