import { error, json } from '@sveltejs/kit';
import { uploadOwnerSchema } from '$lib/schemas/attachments';
import { requireUser } from '$lib/server/auth/guard';
import { uploadAttachment } from '$lib/server/attachments/service';
import { uploadBody, uploadName } from '$lib/server/attachments/upload';
import { db } from '$lib/server/db/app';
import { fileStore } from '$lib/server/files/store';
import { handleDomain, translate } from '$lib/server/http';
import { cardOf } from '../dialog.server';
import type { RequestHandler } from './$types';

// Attaching a file to a card, to one of its reports (`?report=<id>`, evidence) or to one of its
// comments (`?comment=<id>`): the file is the request's body as it is (no multipart form), its
// name in the `x-file-name` header (URI-encoded). The body is streamed into the file store, the
// size limit counted as it arrives (src/lib/server/attachments/upload.ts explains the route
// past adapter-node's body limit). The answer is the attachment; the card's room hears of it.
export const POST: RequestHandler = async ({ request, params, locals, platform, url }) => {
	const user = requireUser(locals);
	const cardId = await cardOf(params);
	const owner = uploadOwnerSchema.safeParse({
		report: url.searchParams.get('report') ?? undefined,
		comment: url.searchParams.get('comment') ?? undefined
	});
	if (!owner.success) error(400, translate('attachment_owner_invalid'));
	const { body, declaredSize } = uploadBody(request, platform);
	const input = { name: uploadName(request), declaredSize, owner: owner.data };
	const attachment = await handleDomain(() =>
		uploadAttachment(db(), fileStore(), user, cardId, input, body)
	);
	return json({ attachment: { id: attachment.id, name: attachment.name } }, { status: 201 });
};
