import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openCardNamed, signedInPage } from './helpers';

// A file attached with the picker appears on the card at once for another person looking at it,
// who downloads it as it was sent. The limits, checks and access rules are in
// tests/integration/attachments.test.ts.

const BOARD = 'Wydział Edukacji – edukacja pozaformalna i zajęcia dodatkowe';
const CARD = 'Szkolenia dla nauczycieli z edukacji pozaformalnej – edycja 2026';
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n'
);

const openCard = (page: Page) => openCardNamed(page, BOARD, CARD);

test('a PDF attached with the picker shows live for a partner, who downloads it', async ({
	browser
}) => {
	const lead = await signedInPage(browser, 'wydzial@torun.example');
	const partner = await signedInPage(browser, 'ngo@torun.example');
	const mine = await openCard(lead);
	const theirs = await openCard(partner);
	const name = `Program szkolenia ${Date.now()}.pdf`;

	const chooser = lead.waitForEvent('filechooser');
	await mine.getByRole('button', { name: 'Dołącz plik' }).click();
	await (await chooser).setFiles({ name, mimeType: 'application/pdf', buffer: PDF });
	await expect(mine.getByRole('link', { name, exact: true })).toBeVisible();
	await expect(mine.getByTestId('attachments')).toContainText('Dokument PDF');

	// The partner's open dialog gets it without a reload.
	const link = theirs.getByRole('link', { name, exact: true });
	await expect(link).toBeVisible();
	const downloading = partner.waitForEvent('download');
	await link.click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe(name);
	expect(await readFile((await download.path())!)).toEqual(PDF);

	// A PNG dropped on the card is attached too, and shows as a thumbnail on both screens.
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWNQTX6NFTEMLQkADGRcwdaAzYUAAAAASUVORK5CYII=',
		'base64'
	);
	await mine.getByTestId('attachments').evaluate(
		(section, bytes) => {
			const data = new DataTransfer();
			data.items.add(new File([new Uint8Array(bytes)], 'kropka.png', { type: 'image/png' }));
			section.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true }));
		},
		[...png]
	);
	await expect(theirs.getByRole('img', { name: 'Otwórz kropka.png' })).toBeVisible();

	// The production server streams a file past the forms' 512 kB body limit, and refuses one
	// over MAX_UPLOAD_MB (25) with 413 and the limit.
	const url = new URL(lead.url());
	const send = (body: Buffer, fileName: string) =>
		lead.request.post(`${url.pathname}/attachments`, {
			data: body,
			headers: {
				origin: url.origin,
				accept: 'application/json',
				'content-type': 'application/octet-stream',
				'x-file-name': encodeURIComponent(fileName)
			}
		});
	const big = await send(Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]), 'duży.pdf');
	expect(big.status()).toBe(201);
	const huge = await send(Buffer.concat([PDF, Buffer.alloc(26 * 1024 * 1024)]), 'za-duży.pdf');
	expect(huge.status()).toBe(413);
	expect(((await huge.json()) as { message: string }).message).toContain('25 MB');
	await expect(theirs.getByRole('link', { name: 'duży.pdf', exact: true })).toBeVisible();
	await expect(theirs.getByRole('link', { name: 'za-duży.pdf', exact: true })).toHaveCount(0);
});
