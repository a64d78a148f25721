'use strict';
/**
 * A small, strict multipart/form-data parser (RFC 7578) for the simulator's file endpoints. It
 * takes the whole body as a Buffer (the simulator caps how much it keeps, see `maxUploadBytes`)
 * and refuses anything it cannot read exactly: no boundary, a body that does not start with the
 * boundary, a part without a name, a body without its closing delimiter (truncated). Strict on
 * purpose: a client that sends a sloppy body should find out here, not at Zoom.
 */

class MultipartError extends Error {}

/** The boundary named by a Content-Type header, or undefined. */
function boundaryOf(contentType) {
	const ct = String(contentType || '');
	if (!/^multipart\/form-data\s*(;|$)/i.test(ct)) return undefined;
	const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(ct);
	return m ? m[1] || m[2] : undefined;
}

/** `name="x"; filename="y"` of a Content-Disposition header (quoted values; RFC 5987 `filename*` too). */
function dispositionParams(value) {
	const out = {};
	if (!/^form-data\s*(;|$)/i.test(value)) throw new MultipartError('a part is not form-data');
	const re = /;\s*([a-z*]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s;]+))/gi;
	let m;
	while ((m = re.exec(value))) {
		const key = m[1].toLowerCase();
		let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
		if (key === 'filename*') {
			const ext = /^UTF-8''(.*)$/i.exec(v);
			if (ext) {
				try {
					v = decodeURIComponent(ext[1]);
				} catch {
					throw new MultipartError('a filename* is not percent-encoded UTF-8');
				}
				out.filename = v;
			}
			continue;
		}
		if (key === 'filename' && out.filename !== undefined) continue;
		out[key] = v;
	}
	return out;
}

/**
 * @param {Buffer} body
 * @param {string|undefined} contentType
 * @returns {{fields: Record<string,string>, files: Array<{name:string, filename:string, contentType:string, data:Buffer}>}}
 */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new MultipartError('the Content-Type is not multipart/form-data with a boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	const next = Buffer.from(`\r\n--${boundary}`);
	if (!body.subarray(0, delimiter.length).equals(delimiter)) throw new MultipartError('the body does not start with the boundary');
	/** @type {Record<string,string>} */
	const fields = {};
	const files = [];
	let pos = delimiter.length;
	for (;;) {
		// After a delimiter: "--" closes the body, CRLF starts a part.
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return { fields, files };
		if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new MultipartError('a boundary is not followed by CRLF or --');
		pos += 2;
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new MultipartError('the body ends inside part headers (truncated)');
		const headers = {};
		for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
			const i = line.indexOf(':');
			if (i <= 0) throw new MultipartError(`a part header is malformed: ${line.slice(0, 80)}`);
			headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
		}
		const dataStart = headerEnd + 4;
		const dataEnd = body.indexOf(next, dataStart);
		if (dataEnd < 0) throw new MultipartError('the body ends before the closing boundary (truncated)');
		if (headers['content-disposition'] === undefined) throw new MultipartError('a part has no Content-Disposition');
		const disp = dispositionParams(headers['content-disposition']);
		if (!disp.name) throw new MultipartError('a part has no name');
		const data = body.subarray(dataStart, dataEnd);
		if (disp.filename !== undefined) {
			files.push({ name: disp.name, filename: disp.filename, contentType: headers['content-type'] || 'application/octet-stream', data });
		} else {
			fields[disp.name] = data.toString('utf8');
		}
		pos = dataEnd + next.length;
	}
}

module.exports = { parseMultipart, boundaryOf, MultipartError };
