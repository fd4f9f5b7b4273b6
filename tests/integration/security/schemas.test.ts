import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXTRA_FIELDS } from './extra-fields';

// Every schema in src/lib/schemas strips or refuses keys it does not name: no object in it lets
// unknown keys through (`.passthrough()`, `z.looseObject`, a `catchall` other than never). Found
// by walking each schema's definition, so a schema added later is checked without a line here.

const modules = import.meta.glob('../../../src/lib/schemas/*.ts', { eager: true });

const isSchema = (v: unknown): v is z.ZodType =>
	typeof v === 'object' && v !== null && '_zod' in v && 'def' in (v as z.ZodType)._zod;

/** The paths inside `schema` of objects that keep unknown keys. */
function looseObjects(schema: z.ZodType, path: string, seen = new Set<unknown>()): string[] {
	if (seen.has(schema)) return [];
	seen.add(schema);
	const def = schema._zod.def as unknown as Record<string, unknown>;
	const found: string[] = [];
	if (def.type === 'object') {
		const catchall = def.catchall as z.ZodType | undefined;
		if (catchall && catchall._zod.def.type !== 'never') found.push(path);
	}
	for (const [key, value] of Object.entries(def)) {
		const children = isSchema(value)
			? [[key, value] as const]
			: Array.isArray(value)
				? value.filter(isSchema).map((v, i) => [`${key}[${i}]`, v] as const)
				: key === 'shape' && value && typeof value === 'object'
					? Object.entries(value).filter((e): e is [string, z.ZodType] => isSchema(e[1]))
					: [];
		for (const [name, child] of children)
			found.push(...looseObjects(child, `${path}.${name}`, seen));
	}
	return found;
}

const schemas = Object.entries(modules).flatMap(([file, mod]) =>
	Object.entries(mod as Record<string, unknown>)
		.filter(([, v]) => isSchema(v))
		.map(([name, v]) => [`${file.split('/').at(-1)}: ${name}`, v as z.ZodType] as const)
);

describe('the input schemas', () => {
	it('are found', () => {
		expect(schemas.length).toBeGreaterThan(30);
	});

	it('are checked by a walk that finds a loose object however deep it sits', () => {
		const loose = z
			.object({ a: z.string() })
			.and(z.object({ b: z.array(z.looseObject({ c: z.string() })) }))
			.pipe(z.any());
		expect(looseObjects(loose, 'x')).toEqual(['x.in.right.b.element']);
		expect(looseObjects(z.strictObject({ a: z.string() }), 'y')).toEqual([]);
	});

	it('keep no unknown key', () => {
		const loose = schemas.flatMap(([name, schema]) => looseObjects(schema, name));
		expect(loose).toEqual([]);
	});

	it('give back no key they do not name, whatever a body adds', () => {
		// The schemas that parse an empty body: what comes out must be made of their own keys.
		for (const [name, schema] of schemas) {
			const bare = schema.safeParse({});
			if (!bare.success || typeof bare.data !== 'object' || bare.data === null) continue;
			const forged = schema.safeParse({ ...EXTRA_FIELDS });
			if (!forged.success) continue;
			const own = new Set(Object.keys(bare.data));
			const extra = Object.keys(forged.data as object).filter(
				(k) => !own.has(k) && !(k in schemaShape(schema))
			);
			expect(extra, name).toEqual([]);
		}
	});
});

/** The keys an object schema names (through pipes, intersections and wrappers), for the check above. */
function schemaShape(schema: z.ZodType): Record<string, unknown> {
	const def = schema._zod.def as unknown as Record<string, unknown>;
	if (def.type === 'object') return def.shape as Record<string, unknown>;
	const inner = ['in', 'out', 'left', 'right', 'innerType', 'schema']
		.map((k) => def[k])
		.filter(isSchema);
	return Object.assign({}, ...inner.map(schemaShape));
}
