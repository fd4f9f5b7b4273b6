import { describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { startJobs } from './scheduler';

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
});
