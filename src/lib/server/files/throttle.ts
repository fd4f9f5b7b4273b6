import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One budget of bytes per second shared by every upload of the process: a token bucket that
 * lets a short burst through and then makes the streams wait their turn. Uploads over a fast
 * link (the loopback, a LAN) would otherwise take the whole CPU from everyone else while they
 * last; held to the budget, the rest of the app keeps its pace and the uploads finish a little
 * later. A stream that waits is not read, so TCP slows the sender: nothing piles up in memory.
 */
export class ByteBudget {
	private tokens: number;
	private last = performance.now();

	constructor(
		private readonly bytesPerSecond: number,
		private readonly burst = bytesPerSecond / 4
	) {
		this.tokens = burst;
	}

	/** Takes `n` bytes of the budget, waiting while it is overdrawn (others' debt included). */
	async take(n: number): Promise<void> {
		const now = performance.now();
		this.tokens = Math.min(
			this.burst,
			this.tokens + ((now - this.last) / 1000) * this.bytesPerSecond
		);
		this.last = now;
		this.tokens -= n;
		if (this.tokens < 0) await sleep((-this.tokens / this.bytesPerSecond) * 1000);
	}

	/** The body, read no faster than the budget allows. */
	async *pace(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncIterable<Uint8Array> {
		for await (const chunk of body) {
			await this.take(chunk.length);
			yield chunk;
		}
	}
}
