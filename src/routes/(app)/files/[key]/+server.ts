import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { openAttachment } from '$lib/server/attachments/service';
import { fileResponse } from '$lib/server/attachments/serve';
import { db } from '$lib/server/db/app';
import { fileStore } from '$lib/server/files/store';
import { handleDomain, translate } from '$lib/server/http';
import type { RequestHandler } from './$types';

// An attached file, for whoever may see its card (anyone else: 404). `?inline` shows an image or
// a PDF in place; everything else is a download (src/lib/server/attachments/serve.ts).
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const user = requireUser(locals);
	if (!/^[0-9a-f-]{36}$/.test(params.key)) error(404, translate('error_not_found'));
	const { attachment, stream } = await handleDomain(() =>
		openAttachment(db(), fileStore(), user, params.key)
	);
	return fileResponse(attachment, stream, url.searchParams.has('inline'));
};
