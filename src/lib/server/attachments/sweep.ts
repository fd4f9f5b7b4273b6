import type { Db } from '../db';
import type { FileStore } from '../files/store';
import { allKeys } from './repository';

// Files no attachment row knows: left by a process that stopped between storing a file and
// recording it, by a removal whose delete failed, or by a card deleted with its rows. Only files
// older than an hour go, so an upload on its way (stored, not yet recorded) is never touched.

const HOUR = 60 * 60 * 1000;

export async function sweepOrphanFiles(
	db: Db,
	store: FileStore,
	{ olderThanMs = HOUR }: { olderThanMs?: number } = {}
): Promise<number> {
	const before = new Date(Date.now() - olderThanMs);
	const candidates: string[] = [];
	for await (const file of store.list()) if (file.modified < before) candidates.push(file.key);
	// Read after listing: a row committed meanwhile is seen, and its file kept.
	const known = await allKeys(db);
	let removed = await store.removeIncomplete(before);
	for (const key of candidates) {
		if (known.has(key.replace(/\.thumb\.webp$/, ''))) continue;
		await store.remove(key);
		removed++;
	}
	return removed;
}
