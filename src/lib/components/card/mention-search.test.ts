import { describe, expect, it } from 'vitest';
import { insertMention, matchPeople, mentionAt } from './mention-search';

const people = [
	{ id: 1, name: 'Magdalena Zielińska' },
	{ id: 2, name: 'Tomasz Lewandowski' },
	{ id: 3, name: 'Łukasz Mazur' },
	{ id: 4, name: 'Anna Kowalska-Lis' }
];

describe('mentionAt', () => {
	it('reads the name typed after an @ at the start or after a space', () => {
		expect(mentionAt('@', 1)).toEqual({ start: 0, query: '' });
		expect(mentionAt('Proszę @tom', 11)).toEqual({ start: 7, query: 'tom' });
		expect(mentionAt('(@Tomasz Le', 11)).toEqual({ start: 1, query: 'Tomasz Le' });
	});

	it('opens nothing in an e-mail address, after a line break, or for a space after the @', () => {
		expect(mentionAt('ngo@torun', 9)).toBeNull();
		expect(mentionAt('@tom\nnext', 9)).toBeNull();
		expect(mentionAt('a @ b', 4)).toBeNull();
		expect(mentionAt('no at sign', 5)).toBeNull();
	});

	it('reads only up to the caret, and not past a finished mention', () => {
		expect(mentionAt('@tom and more', 4)).toEqual({ start: 0, query: 'tom' });
		expect(mentionAt('@[Tomasz Lewandowski](user:2) ok', 32)).toBeNull();
	});
});

describe('matchPeople', () => {
	it('finds by the start of any word, without case or diacritics', () => {
		expect(matchPeople(people, 'zielin').map((p) => p.id)).toEqual([1]);
		expect(matchPeople(people, 'luk').map((p) => p.id)).toEqual([3]);
		expect(matchPeople(people, 'lis').map((p) => p.id)).toEqual([4]);
		expect(matchPeople(people, 'mag zie').map((p) => p.id)).toEqual([1]);
	});

	it('puts names that start with the text first, and lists everyone for an empty one', () => {
		expect(matchPeople(people, 'l').map((p) => p.id)).toEqual([3, 4, 2]);
		expect(matchPeople(people, '').map((p) => p.id)).toEqual([4, 3, 1, 2]);
		expect(matchPeople(people, 'xyz')).toEqual([]);
		expect(matchPeople(people, '', 2)).toHaveLength(2);
	});
});

describe('insertMention', () => {
	it('replaces the typed @text with the mention and a space, the caret after it', () => {
		const text = 'Proszę @tom o zdanie';
		const out = insertMention(text, { start: 7, caret: 11 }, people[1]!);
		expect(out.text).toBe('Proszę @[Tomasz Lewandowski](user:2) o zdanie');
		expect(out.text.slice(0, out.caret)).toBe('Proszę @[Tomasz Lewandowski](user:2) ');
	});
});
