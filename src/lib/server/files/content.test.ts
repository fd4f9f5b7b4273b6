import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { contentDisposition } from '../attachments/serve';
import { detectType, safeFileName } from './content';

// File names made safe, the Content-Disposition built from them, and the type found from content.

describe('safeFileName', () => {
	it.each([
		['../../etc/passwd\u0000.pdf', 'passwd.pdf'],
		['C:\\Users\\a\\raport.docx', 'raport.docx'],
		['  ..ukryty.txt  ', 'ukryty.txt'],
		['a\u202egnp.exe.pdf', 'a_gnp.exe.pdf'],
		['linia\r\nnowa.csv', 'linianowa.csv'],
		['con.txt', '_con.txt'],
		['', 'file'],
		['../', 'file'],
		['Sprawozdanie z realizacji: "etap 1"?.pdf', 'Sprawozdanie z realizacji_ _etap 1__.pdf']
	])('%j → %j', (raw, safe) => expect(safeFileName(raw)).toBe(safe));

	it('keeps the extension of a name cut to 120 characters', () => {
		const name = safeFileName(`${'ą'.repeat(200)}.xlsx`);
		expect(name).toHaveLength(120);
		expect(name.endsWith('.xlsx')).toBe(true);
	});
});

describe('contentDisposition', () => {
	it('gives an ASCII fallback and the exact name, with no quote or backslash to break out', () => {
		expect(contentDisposition('attachment', 'Łódź "plan"\\.pdf')).toBe(
			`attachment; filename="Lodz _plan__.pdf"; filename*=UTF-8''%C5%81%C3%B3d%C5%BA%20%22plan%22%5C.pdf`
		);
	});
});

describe('detectType', () => {
	const detect = (bytes: Buffer, name: string) =>
		detectType(Readable.from([bytes]), bytes.subarray(0, 8192), name);

	it('reads text as CSV or plain text by its extension, only when it is text', async () => {
		expect(await detect(Buffer.from('a;b\n1;2\n'), 'x.csv')).toBe('text/csv');
		expect(await detect(Buffer.from('Zażółć gęślą jaźń\n'), 'x.txt')).toBe('text/plain');
		expect(await detect(Buffer.from([0x00, 0x01, 0x02, 0x03]), 'x.txt')).toBeNull();
		expect(await detect(Buffer.from([0xff, 0xfe, 0xfd]), 'x.csv')).toBeNull();
	});

	it('refuses what its content says is not allowed, whatever its name', async () => {
		const zip = Buffer.from('504b0304140000000000', 'hex');
		expect(await detect(Buffer.concat([zip, Buffer.alloc(64)]), 'x.docx')).toBeNull();
		expect(await detect(Buffer.from('MZ\x90\x00', 'latin1'), 'x.pdf')).toBeNull();
	});
});
