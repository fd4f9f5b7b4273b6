import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

// Timing, percentiles, a seeded random source and the printed table: what every benchmark needs.

/**
 * Runs `fn` `warmUp` times unmeasured, then `runs` times; returns the milliseconds of each run.
 * Past `budgetMs` (warm-up included) it stops early, so that a slow database cannot stretch the
 * whole run past its bound: the caller reports how many runs the figures rest on.
 */
export async function sample(
	runs: number,
	warmUp: number,
	fn: (i: number) => Promise<unknown>,
	budgetMs = Infinity
): Promise<number[]> {
	const deadline = performance.now() + budgetMs;
	for (let i = 0; i < warmUp; i++) await fn(i);
	const times: number[] = [];
	for (let i = 0; i < runs && (i < 5 || performance.now() < deadline); i++) {
		const start = performance.now();
		await fn(warmUp + i);
		times.push(performance.now() - start);
	}
	return times;
}

/** The nearest-rank percentile: p95 of 50 samples is the 48th smallest. */
export function percentile(times: readonly number[], p: number): number {
	if (times.length === 0) return NaN;
	const sorted = [...times].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1]!;
}

/** mulberry32: the same board and the same moves on every run, so runs compare. */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		/** True with probability p. */
		chance: (p: number) => next() < p,
		/** An integer in [min, max]. */
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
	};
}

export type Random = ReturnType<typeof seededRandom>;

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const bytes = (value: number) =>
	value >= 1_000_000
		? `${(value / 1_000_000).toFixed(2)} MB`
		: value >= 1_000
			? `${(value / 1_000).toFixed(1)} kB`
			: `${value} B`;

export interface Row {
	measure: string;
	figure: string;
	target?: string;
	/** Undefined: no target, nothing to judge. */
	meets?: boolean;
}

export function printTable(rows: readonly Row[]) {
	const cells = rows.map((r) => [
		r.measure,
		r.figure,
		r.target ?? '',
		r.meets === undefined ? '' : r.meets ? 'meets' : 'misses'
	]);
	const header = ['measure', 'figure', 'target', ''];
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
	const line = (c: string[]) =>
		c
			.map((v, i) => v.padEnd(widths[i]!))
			.join('  ')
			.trimEnd();
	console.log(line(header));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const c of cells) console.log(line(c));
}

/** A clock of elapsed seconds: each call says how long since the last (or since it started). */
export function stopwatch() {
	let start = performance.now();
	return () => {
		const seconds = (performance.now() - start) / 1000;
		start = performance.now();
		return `${seconds.toFixed(1)} s`;
	};
}

/**
 * Hands a benchmark's table to `npm run bench` (tests/bench/all.ts), which prints every
 * benchmark's figures in one table at the end: appended as a JSON line to BENCH_ROWS_FILE, when
 * that is set.
 */
export function saveRows(section: string, rows: readonly Row[]) {
	const file = process.env.BENCH_ROWS_FILE;
	if (file) appendFileSync(file, JSON.stringify({ section, rows }) + '\n');
}
