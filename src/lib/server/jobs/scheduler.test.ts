import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { startJobs, wakeJob, WAKE_AFTER_MS } from './scheduler';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the jobs scheduler', () => {
	it('runs the jobs one after another at start, each after the one before has finished', async () => {
		const log: string[] = [];
		const job = (name: string, ms: number) => ({
			name,
			everyMs: 60_000,
			run: async () => {
				log.push(`${name} start`);
				await tick(ms);
				log.push(`${name} end`);
			}
		});
		const jobs = startJobs(() => ({}) as Db, [job('due', 30), job('outbox', 10), job('digest', 0)]);
		await tick(100);
		jobs.stop();
		expect(log).toEqual([
			'due start',
			'due end',
			'outbox start',
			'outbox end',
			'digest start',
			'digest end'
		]);
	});

	it('starts nothing more once stopped', async () => {
		const ran: string[] = [];
		const jobs = startJobs(
			() => ({}) as Db,
			[
				{ name: 'slow', everyMs: 60_000, run: () => tick(30).then(() => ran.push('slow')) },
				{ name: 'next', everyMs: 60_000, run: async () => void ran.push('next') }
			]
		);
		jobs.stop();
		await tick(60);
		expect(ran).toEqual([]);
	});

	it('runs a woken job once within a second, however often it is woken, and not once stopped', async () => {
		let runs = 0;
		const jobs = startJobs(
			() => ({}) as Db,
			[{ name: 'woken', everyMs: 60_000, run: async () => void runs++ }]
		);
		await tick(20);
		expect(runs).toBe(1); // at start
		for (let i = 0; i < 5; i++) wakeJob('woken');
		wakeJob('not started here');
		await tick(WAKE_AFTER_MS / 2);
		expect(runs).toBe(1);
		await tick(WAKE_AFTER_MS);
		expect(runs).toBe(2);
		wakeJob('woken');
		jobs.stop();
		await tick(WAKE_AFTER_MS * 1.5);
		expect(runs).toBe(2);
	});
});
