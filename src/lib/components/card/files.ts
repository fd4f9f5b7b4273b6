import { formatNumber } from '$lib/components/ui/format';
import { toast } from '$lib/components/ui/toast.svelte';
import { m } from '$lib/paraglide/messages';

// What the card's three file lists share (its own files, a report's evidence, a comment's files):
// how a file's kind and size are shown, and how one file is sent. Each file is the body of its
// own request to the card's attachments route (`?report=` or `?comment=` for whose it is), so a
// large one streams instead of being held in a form.

export interface ShownFile {
	id: number;
	name: string;
	mime: string;
	size: number;
	uploaderName: string | null;
	createdAt: Date | string;
	url: string;
	thumbnailUrl: string | null;
}

export type FileKind = 'image' | 'pdf' | 'spreadsheet' | 'presentation' | 'document' | 'text';

export const kindOf = (mime: string): FileKind =>
	mime.startsWith('image/')
		? 'image'
		: mime === 'application/pdf'
			? 'pdf'
			: /spreadsheet|excel|csv/.test(mime)
				? 'spreadsheet'
				: /presentation|powerpoint/.test(mime)
					? 'presentation'
					: /word|opendocument\.text/.test(mime)
						? 'document'
						: 'text';

export const KIND_LABEL: Record<FileKind, () => string> = {
	image: m.attachments_kind_image,
	pdf: m.attachments_kind_pdf,
	spreadsheet: m.attachments_kind_spreadsheet,
	presentation: m.attachments_kind_presentation,
	document: m.attachments_kind_document,
	text: m.attachments_kind_text
};

/** 2,5 MB, 340 kB, 12 B: in the page's language. */
export function formatSize(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${formatNumber(Math.round(bytes / 104857.6) / 10)} MB`;
	if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024))} kB`;
	return `${formatNumber(bytes)} B`;
}

/** A pasted image has no name of its own. */
export const nameOf = (file: File) => file.name || 'image.png';

/**
 * Sends one file to `url` (the card's attachments route, with its owner in the query); says how
 * it went in a toast. True when the file was attached.
 */
export async function sendFile(url: string, file: File, maxUploadMb: number): Promise<boolean> {
	const name = nameOf(file);
	// The server checks again; this only spares a long wait for a file that cannot be taken.
	if (file.size > maxUploadMb * 1024 * 1024) {
		const reason = m.attachment_too_large({ limit: maxUploadMb });
		toast.error(m.attachments_failed({ name, reason }));
		return false;
	}
	try {
		const res = await fetch(url, {
			method: 'POST',
			body: file,
			headers: {
				'content-type': 'application/octet-stream',
				'x-file-name': encodeURIComponent(name),
				accept: 'application/json'
			}
		});
		if (res.ok) {
			toast.success(m.attachments_uploaded({ name }));
			return true;
		}
		const answer = (await res.json().catch(() => null)) as { message?: string } | null;
		const reason = answer?.message ?? m.attachments_failed_network();
		toast.error(m.attachments_failed({ name, reason }));
	} catch {
		toast.error(m.attachments_failed({ name, reason: m.attachments_failed_network() }));
	}
	return false;
}

/** The files a drop or a paste carries, if any. */
export const filesIn = (data: DataTransfer | null | undefined): File[] => [...(data?.files ?? [])];
