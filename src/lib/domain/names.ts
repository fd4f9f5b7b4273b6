// Names in Polish alphabetical order (ą after a, ł after l, …). One collator for the whole app:
// `localeCompare` with a locale makes a new collator at every comparison, which costs far more
// than the comparison itself.
const polish = new Intl.Collator('pl');

/** Compares two texts in Polish alphabetical order. */
export const comparePolish = (a: string, b: string) => polish.compare(a, b);

/** Sorts anything named by its name, in Polish alphabetical order. */
export const byName = <T extends { name: string }>(a: T, b: T) => polish.compare(a.name, b.name);
