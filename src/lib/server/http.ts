import { error, fail, isHttpError, isRedirect, type ActionFailure } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { recordId } from '$lib/schemas/common';
import { z } from '$lib/schemas/zod';
import { DomainError, ValidationError, type MessageParams } from './errors';

// The one place where domain errors become HTTP answers, and where form input meets its schema.

type Messages = Record<string, ((params?: MessageParams) => string) | undefined>;

/** A message key of messages/*.json, in the language of the current request. */
export function translate(key: string, params?: MessageParams): string {
	return (m as unknown as Messages)[key]?.(params) ?? key;
}

export type FieldErrors = Record<string, string[] | undefined>;
export type FormValues = Record<string, unknown>;
/** `code` is the domain error's key, for a form that reacts to one refusal (e.g. a WIP limit). */
export type FormFailure = {
	errors?: FieldErrors;
	message?: string;
	code?: string;
	values: FormValues;
};

/** Form fields as a plain object; a field given more than once becomes an array. Files are dropped. */
export function formValues(form: FormData): FormValues {
	const values: FormValues = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = all.length > 1 ? all : all[0];
	}
	return values;
}

/** Values safe to send back to the form: never a password, never a NUL. */
function echo(values: FormValues): FormValues {
	return Object.fromEntries(
		Object.entries(values)
			.filter(([k]) => !/password/i.test(k))
			.map(([k, v]) => [withoutNul(k), Array.isArray(v) ? v.map(withoutNul) : withoutNul(v)])
	);
}

/**
 * NUL: no text a person types holds it, and PostgreSQL refuses it in text (the statement fails,
 * a 500). Refused wherever it comes: a form field or its name here, a URL in the hooks.
 */
export const hasNul = (text: string) => text.includes('\u0000');
const withoutNul = <T>(v: T) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v) as T;

/** The fields holding a NUL (in the value or the name), each with the message saying so. */
function nulErrors(values: FormValues): FieldErrors | null {
	const fields = Object.entries(values)
		.filter(([k, v]) => hasNul(k) || [v].flat().some((s) => typeof s === 'string' && hasNul(s)))
		.map(([k]) => [withoutNul(k), [translate('error_nul_character')]]);
	return fields.length ? Object.fromEntries(fields) : null;
}

/**
 * The form of a request, or a 4xx: only the two encodings a form of ours sends (SvelteKit also
 * lets `text/plain` through, which no parser here reads), and a body that can be read.
 */
async function readForm(request: Request): Promise<FormData> {
	const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data')
		error(415, translate('error_form_type'));
	try {
		return await request.formData();
	} catch (err) {
		// The parser's refusal is a TypeError; a body over the size limit (413) is answered as such.
		if (!(err instanceof TypeError)) throw err;
		error(400, translate('error_form_unreadable'));
	}
}

/** A row id from a URL segment; anything else is a page that is not there. */
export function idOr404(raw: string): number {
	const parsed = recordId.safeParse(raw);
	if (!parsed.success) error(404, translate('error_not_found'));
	return parsed.data;
}

/** Throws the HTTP answer for a domain error, or the error itself when it is not one. */
export function rethrowAsHttp(err: unknown): never {
	if (err instanceof DomainError) error(err.status, translate(err.key, err.params));
	throw err;
}

/** Runs a loader or endpoint body, answering domain errors with their status. */
export async function handleDomain<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (err) {
		rethrowAsHttp(err);
	}
}

/**
 * A form action: reads the form (415 or 400 when it is of another type or unreadable), refuses
 * a NUL in any field, parses it with `schema` (400 with field errors and the values when it
 * fails, having written nothing), runs `fn`, and answers domain errors the same way: field and
 * rule errors as a failure the form shows, missing or hidden resources as a 404 page.
 */
export async function formAction<S extends z.ZodType, R>(
	request: Request,
	schema: S,
	fn: (input: z.output<S>) => Promise<R>
): Promise<R | ActionFailure<FormFailure>> {
	const values = formValues(await readForm(request));
	const nul = nulErrors(values);
	if (nul)
		return fail(400, {
			errors: nul,
			message: translate('error_nul_character'),
			values: echo(values)
		});
	const parsed = schema.safeParse(values);
	if (!parsed.success) {
		const { fieldErrors, formErrors } = z.flattenError(parsed.error);
		return fail(400, {
			errors: fieldErrors as FieldErrors,
			message: formErrors[0],
			values: echo(values)
		});
	}
	try {
		return await fn(parsed.data);
	} catch (err) {
		if (isRedirect(err) || isHttpError(err)) throw err;
		if (err instanceof ValidationError) {
			return fail(400, {
				errors: { [err.field]: [translate(err.key, err.params)] },
				values: echo(values)
			});
		}
		if (err instanceof DomainError && err.status !== 404) {
			return fail(err.status, {
				message: translate(err.key, err.params),
				code: err.key,
				values: echo(values)
			});
		}
		rethrowAsHttp(err);
	}
}
