import { m } from '$lib/paraglide/messages';
import { z } from './zod';

// A board's label colours: each label of its cards may take one colour of a fixed palette (in the
// order of the design's label tokens, --label-1 … --label-8). Only
// palette names are stored and sent, never a colour value, so nothing a manager types reaches a
// style attribute.

export const LABEL_COLOURS = [
	'blue',
	'teal',
	'violet',
	'amber',
	'rose',
	'green',
	'cyan',
	'fuchsia'
] as const;
export type LabelColour = (typeof LABEL_COLOURS)[number];
export type LabelColourMap = Record<string, LabelColour>;

/** A label as cards carry it (see cards.ts: at most 40 characters). */
const labelName = z.string().trim().min(1).max(40);
const colour = z.enum(LABEL_COLOURS);

/** One field sent once is a string; sent more often, an array; not sent, nothing. */
const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * The settings form: a `label` field and a `colour` field per label, in the same order; an empty
 * colour leaves the label uncoloured. The result is the board's whole map.
 */
export const labelColoursSchema = z
	.object({
		label: z.preprocess(asList, z.array(labelName).max(200)),
		colour: z.preprocess(asList, z.array(z.union([z.literal(''), colour])).max(200))
	})
	.refine((v) => v.label.length === v.colour.length, {
		path: ['colour'],
		error: () => m.label_colours_mismatch()
	})
	.transform((v): LabelColourMap =>
		Object.fromEntries(
			v.label.flatMap((label, i) => (v.colour[i] ? [[label, v.colour[i] as LabelColour]] : []))
		)
	);

/** A stored map, read leniently: an entry that is not a palette colour is left out. */
export function readLabelColours(stored: unknown): LabelColourMap {
	if (typeof stored !== 'object' || stored === null) return {};
	return Object.fromEntries(
		Object.entries(stored).filter(
			(entry): entry is [string, LabelColour] =>
				labelName.safeParse(entry[0]).success && colour.safeParse(entry[1]).success
		)
	);
}
