import type { BoardEvent, CatchUp } from './events';

// A board's stream of events as a client applies it: each event once, in order, nothing missed.
// Live events are applied as they come; after a dropped connection the events missed meanwhile
// are fetched over HTTP (or, when they are too many or too old, the board's data is reloaded),
// while live events arriving during that fetch wait, so that the order holds. An event is
// recognised by its id and never applied twice, whichever way it came.

export interface FeedOptions {
	/** The id up to which the shown data is known (read before the data was loaded). */
	after: string;
	fetchSince(after: string): Promise<CatchUp>;
	apply(event: BoardEvent): void;
	/** Reloads the whole board: used when the missed events are too many or too old. */
	reload(): unknown;
}

/** How many applied ids are remembered to recognise a duplicate. */
const REMEMBERED = 5000;

export class BoardFeed {
	#last: bigint;
	#seen = new Set<string>();
	#waiting: BoardEvent[] | null = null;
	#catchingUp = false;
	#options: FeedOptions;

	constructor(options: FeedOptions) {
		this.#options = options;
		this.#last = BigInt(options.after);
	}

	/** The highest event id applied (or known from a load): where a catch-up starts. */
	get last(): string {
		return this.#last.toString();
	}

	receive(event: BoardEvent) {
		if (this.#waiting) this.#waiting.push(event);
		else this.#take(event);
	}

	/**
	 * When the connection drops: live events wait from now on, so that one arriving right after
	 * the reconnect is not applied before the ones missed (and does not move the catch-up's start).
	 */
	pause() {
		this.#waiting ??= [];
	}

	/** After a reconnect: applies what was missed, then what arrived meanwhile. */
	async catchUp() {
		if (this.#catchingUp) return;
		this.#catchingUp = true;
		this.pause();
		try {
			const missed = await this.#options.fetchSince(this.last);
			if (missed.reload) {
				await this.#options.reload();
				this.#raise(missed.latestId);
			} else for (const event of missed.events) this.#take(event);
		} catch {
			// Offline again, or the server is down: reload what is shown, as a reload is what a
			// person would do; the next reconnect catches up again.
			await this.#options.reload();
		} finally {
			const waiting = this.#waiting ?? [];
			this.#waiting = null;
			this.#catchingUp = false;
			waiting.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1)).forEach((e) => this.#take(e));
		}
	}

	#take(event: BoardEvent) {
		if (this.#seen.has(event.id)) return;
		this.#seen.add(event.id);
		if (this.#seen.size > REMEMBERED) this.#seen.delete(this.#seen.values().next().value!);
		this.#raise(event.id);
		this.#options.apply(event);
	}

	#raise(id: string) {
		if (BigInt(id) > this.#last) this.#last = BigInt(id);
	}
}
