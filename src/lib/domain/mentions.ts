// A mention in a comment is written `@[Name](user:42)`: the composer inserts it from a list of
// the people who may see the card, so it names one person whatever their name, and still reads
// as text where it is not rendered.

const MENTION = /@\[([^\]\n]{1,120})\]\(user:(\d{1,9})\)/g;

export function mentionToken(person: { id: number; name: string }): string {
	return `@[${person.name.replace(/[\]\n]/g, ' ')}](user:${person.id})`;
}

/** The ids of the people a text mentions, each once. */
export function mentionedIds(text: string): number[] {
	return [...new Set([...text.matchAll(MENTION)].map((match) => Number(match[2])))];
}

/** The text with each mention passed through `render(name, id)`. */
export function replaceMentions(text: string, render: (name: string, id: number) => string) {
	return text.replace(MENTION, (_whole, name: string, id: string) => render(name, Number(id)));
}
