import { describe, expect, it } from 'vitest';
import { newCommentSchema } from '$lib/schemas/comments';
import { newSendKey } from './send-key';

describe('send keys', () => {
	it('are version 4 UUIDs the comment schema accepts, each new', () => {
		const keys = Array.from({ length: 200 }, newSendKey);
		for (const key of keys) {
			expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(newCommentSchema.parse({ body: 'x', clientKey: key }).clientKey).toBe(key);
		}
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('a key that is not a UUID is refused', () => {
		expect(newCommentSchema.safeParse({ body: 'x', clientKey: 'abc' }).success).toBe(false);
	});
});
