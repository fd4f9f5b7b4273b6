import { afterEach, describe, expect, it } from 'vitest';
import { plural } from '$lib/paraglide/registry.js';
import { m } from '$lib/paraglide/messages';

// vite.config.ts keeps Paraglide's plural rules, one per language and options, instead of the
// new Intl.PluralRules the generated registry makes for every plural message.

const Original = Intl.PluralRules;
let made = 0;
/** Intl's members are read-only to TypeScript, not to the runtime. */
const setPluralRules = (rules: typeof Intl.PluralRules) =>
	((Intl as unknown as { PluralRules: typeof Intl.PluralRules }).PluralRules = rules);
afterEach(() => setPluralRules(Original));
/** Counts the plural rules made from here on. */
function countMade() {
	made = 0;
	setPluralRules(
		class extends Original {
			constructor(...args: ConstructorParameters<typeof Intl.PluralRules>) {
				super(...args);
				made++;
			}
		} as typeof Intl.PluralRules
	);
}

describe('plural rules', () => {
	it('are made once per language, and still choose the right form', () => {
		countMade();
		const forms = [1, 2, 5, 22, 25].map((n) => plural('pl', n));
		expect(forms).toEqual(['one', 'few', 'many', 'few', 'many']);
		expect(plural('en', 1)).toBe('one');
		expect(plural('en', 5)).toBe('other');
		expect(plural('pl', 1, { type: 'ordinal' })).toBe('other');
		// At most one each for pl, en and pl-ordinal, whatever an earlier test made already.
		expect(made).toBeLessThanOrEqual(3);
		const before = made;
		for (let n = 0; n < 50; n++) plural('pl', n);
		expect(made).toBe(before);
	});

	it("keep the messages' plural forms", () => {
		expect(m.board_comments({ count: 1 }, { locale: 'pl' })).not.toBe(
			m.board_comments({ count: 5 }, { locale: 'pl' })
		);
	});
});
