import { describe, expect, it } from 'vitest';
import { ByteBudget } from './throttle';

describe('the shared upload budget', () => {
	it('passes every byte through, in order, for streams read side by side', async () => {
		const budget = new ByteBudget(64 * 1024 * 1024);
		const chunks = (seed: number) =>
			Array.from({ length: 20 }, (_, i) => new Uint8Array(4096).fill((seed + i) % 256));
		const read = async (seed: number) => {
			const out: number[] = [];
			for await (const chunk of budget.pace(chunks(seed))) out.push(chunk[0]!, chunk.length);
			return out;
		};
		const [a, b] = await Promise.all([read(1), read(100)]);
		expect(a).toEqual(chunks(1).flatMap((c) => [c[0], c.length]));
		expect(b).toEqual(chunks(100).flatMap((c) => [c[0], c.length]));
	});

	it('keeps an overdrawn budget in debt: a taker past it waits for the bytes to come back', async () => {
		const budget = new ByteBudget(1024, 1024);
		let waited = false;
		await budget.take(1024); // the whole burst: no wait
		const next = budget.take(512).then(() => (waited = true));
		// The second take is pending until the budget refills; it is not refused or dropped.
		await Promise.resolve();
		expect(waited).toBe(false);
		await next;
		expect(waited).toBe(true);
	});
});
