import { randomBytes } from 'crypto';

/**
 * A multipart/form-data body (RFC 7578) built as bytes, for Zoom's file uploads: n8n's request
 * helper sends a Buffer as is, and the package may not import a form-data library. Pure but for
 * the random boundary (passed in for tests).
 */

export type FormPart = { name: string; value: string } | { name: string; fileName: string; contentType: string; data: Uint8Array };

/** A name or file name in a Content-Disposition header, escaped as browsers do (WHATWG HTML, form-data encoding). */
function quoted(text: string): string {
	return `"${text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

export function newBoundary(): string {
	return `----n8nZoomIm${randomBytes(16).toString('hex')}`;
}

export function multipartBody(parts: readonly FormPart[], boundary = newBoundary()): { data: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
		if ('data' in part) {
			// A content type with a line break would start a header of its own: refused, never sent.
			const type = /[\r\n]/.test(part.contentType) || part.contentType === '' ? 'application/octet-stream' : part.contentType;
			head += `; filename=${quoted(part.fileName)}\r\nContent-Type: ${type}`;
		}
		chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'));
		chunks.push('data' in part ? Buffer.from(part.data.buffer, part.data.byteOffset, part.data.byteLength) : Buffer.from(part.value, 'utf8'));
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
