import { Readable } from 'node:stream';
import { fileTypeFromStream } from 'file-type';

// What a file is, decided by its content (its first bytes), never by its name: an executable
// named `report.pdf` is an executable. Only the types on the allow-list are kept.

const DETECTED: Record<string, string> = {
	'application/pdf': 'application/pdf',
	'image/png': 'image/png',
	'image/jpeg': 'image/jpeg',
	'image/gif': 'image/gif',
	'image/webp': 'image/webp',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation':
		'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet':
		'application/vnd.oasis.opendocument.spreadsheet',
	'application/vnd.oasis.opendocument.presentation':
		'application/vnd.oasis.opendocument.presentation'
};

/**
 * The older Office formats share one container (CFB) with installers and other things: kept only
 * under their own extension, and always served as a download.
 */
const LEGACY_OFFICE: Record<string, string> = {
	doc: 'application/msword',
	xls: 'application/vnd.ms-excel',
	ppt: 'application/vnd.ms-powerpoint'
};

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
/** Types a browser may show in place (under a sandbox): images and PDF. */
export const INLINE_TYPES = new Set([...IMAGE_TYPES, 'application/pdf']);

const extensionOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Plain text: valid UTF-8 without NUL or other control characters than tab and line ends, in the
 * first bytes of the file.
 */
function looksLikeText(head: Uint8Array): boolean {
	if (head.length === 0) return false;
	let text: string;
	try {
		// A multi-byte character cut at the end of the sample is not an error.
		text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, trimCut(head)));
	} catch {
		return false;
	}
	// eslint-disable-next-line no-control-regex -- control characters are what it looks for
	return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The length of `bytes` without a UTF-8 sequence cut off at its end. */
function trimCut(bytes: Uint8Array): number {
	let end = bytes.length;
	for (let back = 1; back <= 3 && end - back >= 0; back++) {
		const b = bytes[end - back]!;
		if ((b & 0xc0) === 0x80) continue;
		if (b >= 0xc0) {
			const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
			if (back < need) end -= back;
		}
		break;
	}
	return end;
}

/** The allowed type of a file from its content and (for text and old Office) its name, or null. */
export async function detectType(
	content: Readable,
	head: Uint8Array,
	name: string
): Promise<string | null> {
	const found = await fileTypeFromStream(Readable.toWeb(content) as ReadableStream<Uint8Array>);
	content.destroy();
	const ext = extensionOf(name);
	if (found) {
		if (DETECTED[found.mime]) return DETECTED[found.mime]!;
		if (found.mime === 'application/x-cfb' && LEGACY_OFFICE[ext]) return LEGACY_OFFICE[ext]!;
		return null;
	}
	if (!looksLikeText(head)) return null;
	return ext === 'csv' ? 'text/csv' : 'text/plain';
}

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A name safe to show and to send in Content-Disposition: the last path segment only, no control
 * or path characters, no leading dots, at most 120 characters with its extension kept.
 */
export function safeFileName(raw: string): string {
	let name = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
	name = name
		// eslint-disable-next-line no-control-regex -- control characters are what it removes
		.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
		.replace(/[<>:"|?*\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '_')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/^[.\s]+/, '')
		.replace(/[.\s]+$/, '');
	if (RESERVED.test(name)) name = `_${name}`;
	if (name.length > 120) {
		const ext = extensionOf(name);
		const keep = ext && ext.length < 10 ? `.${ext}` : '';
		name = name.slice(0, 120 - keep.length) + keep;
	}
	return name || 'file';
}
