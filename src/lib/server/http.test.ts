import { isHttpError, type ActionFailure } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { z } from '$lib/schemas/zod';
import { formAction, type FormFailure } from './http';

// What a form action does with a body it cannot take: answers 4xx and never runs the action.

const schema = z.object({ title: z.string().max(100) });
const post = (body: BodyInit | null, type?: string) =>
	new Request('http://localhost/boards/1?/create', {
		method: 'POST',
		body,
		headers: type ? { 'content-type': type } : {}
	});

async function statusOf(request: Request) {
	const run = vi.fn(async () => ({ done: true }));
	try {
		const result = await formAction(request, schema, run);
		expect(run).not.toHaveBeenCalled();
		return { status: (result as ActionFailure<FormFailure>).status, result };
	} catch (err) {
		expect(run).not.toHaveBeenCalled();
		if (!isHttpError(err)) throw err;
		return { status: err.status, result: err.body };
	}
}

describe('formAction refuses what no form of ours sends', () => {
	it.each([
		['text/plain', post('title=x', 'text/plain'), 415],
		['text/plain with a charset', post('title=x', 'text/plain;charset=UTF-8'), 415],
		['JSON', post('{"title":"x"}', 'application/json'), 415],
		['no content type', post(new Blob(['title=x'])), 415],
		['multipart without a boundary', post('--x\r\n\r\n', 'multipart/form-data'), 400],
		[
			'multipart, unterminated',
			post(
				'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
				'multipart/form-data; boundary=x'
			),
			400
		]
	])('%s: %i', async (_, request, status) => {
		expect((await statusOf(request)).status).toBe(status);
	});

	it('a NUL in any field or field name: 400 naming the field, the value echoed without it', async () => {
		for (const body of ['title=a%00b', 'title=ok&other=%00', 'title=ok&x%00=1']) {
			const { status, result } = await statusOf(post(body, 'application/x-www-form-urlencoded'));
			expect(status, body).toBe(400);
			const data = (result as ActionFailure<FormFailure>).data;
			expect(Object.keys(data.errors ?? {}).length, body).toBe(1);
			expect(JSON.stringify(data.values), body).not.toContain('\\u0000');
		}
	});

	it('a body over the size limit is passed on as it is (413), not as unreadable', async () => {
		const tooLarge = Object.assign(new Error('Payload Too Large'), { status: 413 });
		const stream = new ReadableStream({ start: (c) => c.error(tooLarge) });
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body: stream,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			duplex: 'half'
		} as RequestInit);
		await expect(formAction(request, schema, async () => 1)).rejects.toBe(tooLarge);
	});

	it('a good form runs the action', async () => {
		const run = vi.fn(async (input: { title: string }) => input.title);
		const request = post('title=Polityka', 'application/x-www-form-urlencoded');
		expect(await formAction(request, schema, run)).toBe('Polityka');
	});
});
