/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: real streams and zlib under jest, never inside n8n */
/**
 * Download Files at the edges (issue #20): which links get the token, which redirect hops are
 * followed, and the body guard (size cap after decompression, idle timeout, a body cut off).
 * The n8n Cloud rules on Node.js modules do not apply to jest code: the guard is tested on real streams.
 */
import { PassThrough, Readable } from 'node:stream';
import { gzipSync, createGunzip } from 'node:zlib';

import { FileTooLarge, bodyFailure, guardBody } from '../../nodes/ZoomIm/transport/downloadBody';
import { isInternalHost, mayCarryToken, refusedHop, refusedLink } from '../../nodes/ZoomIm/transport/downloadTrust';
import { fetchFile, type DownloadedFile, type FileAnswer, type FileHop } from '../../nodes/ZoomIm/transport/fileDownload';

const ZOOM_API = 'https://api.zoom.us';
const SIM_API = 'http://127.0.0.1:8080';

describe('which download links get the token', () => {
	it.each([
		['https://zoom.us/file/download/abc?filename=a.pdf&jwt=x', ZOOM_API, true],
		['https://us06web.zoom.us/file/1', ZOOM_API, true],
		['https://file.zoomgov.com/file/1', ZOOM_API, true],
		['http://zoom.us/file/1', ZOOM_API, false],
		['https://zoom.us.evil.example/file/1', ZOOM_API, false],
		['https://evilzoom.us/file/1', ZOOM_API, false],
		['https://zoom.us@evil.example/file/1', ZOOM_API, false],
		['https://cdn.example/file/1', ZOOM_API, false],
		['http://127.0.0.1:8080/file/1', SIM_API, true],
		['http://127.0.0.1:8081/file/1', SIM_API, false],
		['https://127.0.0.1:8080/file/1', SIM_API, false],
		['http://127.0.0.2:8080/file/1', SIM_API, false],
		['http://169.254.169.254/latest/meta-data', ZOOM_API, false],
	])('%s with the API at %s: %s', (link, api, allowed) => {
		expect(mayCarryToken(new URL(link), api)).toBe(allowed);
		expect(refusedLink(new URL(link), api) === undefined).toBe(allowed);
	});
});

describe('which hosts are internal', () => {
	it.each([
		'127.0.0.1', '127.9.9.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1',
		'localhost', 'LOCALHOST', 'api.localhost', '[::1]', '[::]', '[fc00::1]', '[fd12:3456::1]', '[fe80::1]', '[::ffff:7f00:1]',
		'[::ffff:a9fe:a9fe]', '[::ffff:10.0.0.1]', '[64:ff9b::a00:1]',
	])('%s is internal', (host) => {
		expect(isInternalHost(host)).toBe(true);
	});
	it.each(['zoom.us', '8.8.8.8', '172.32.0.1', '192.169.0.1', '[2606:4700::1111]', '[::ffff:808:808]', 'cdn.example'])('%s is not', (host) => {
		expect(isInternalHost(host)).toBe(false);
	});
	it("the URL parser's other spellings of loopback are caught too", () => {
		for (const link of ['http://2130706433/', 'http://0x7f.1/', 'http://127.1/', 'http://[0:0:0:0:0:ffff:127.0.0.1]/']) {
			expect(isInternalHost(new URL(link).hostname)).toBe(true);
		}
	});
});

describe('which redirect hops are followed', () => {
	it('https to public hosts only; other schemes, plain http and internal addresses refused, unless the credential\'s own host', () => {
		expect(refusedHop(new URL('https://cdn.example/x'), ZOOM_API)).toBeUndefined();
		expect(refusedHop(new URL('http://cdn.example/x'), ZOOM_API)).toMatch('plain http');
		expect(refusedHop(new URL('file:///etc/passwd'), ZOOM_API)).toMatch('a file link');
		expect(refusedHop(new URL('https://169.254.169.254/latest'), ZOOM_API)).toMatch('local or private');
		expect(refusedHop(new URL('https://[::1]:9000/x'), ZOOM_API)).toMatch('local or private');
		expect(refusedHop(new URL('https://10.0.0.5/x'), ZOOM_API)).toMatch('local or private');
		// The simulator: API on 127.0.0.1, its file host another port of the same host.
		expect(refusedHop(new URL('http://127.0.0.1:9999/cdn/x'), SIM_API)).toBeUndefined();
		expect(refusedHop(new URL('http://127.0.0.2:9999/cdn/x'), SIM_API)).toMatch('plain http');
		expect(refusedHop(new URL('https://127.0.0.2:9999/cdn/x'), SIM_API)).toMatch('local or private');
	});
});

describe('fetchFile at the edges', () => {
	const settings = { apiOrigin: ZOOM_API, maxBytes: 0, idleMs: 1000, maxRetries: 2, backoff: { baseDelayMs: 10, maxDelayMs: 100 }, secrets: [] };
	const asIs = async (file: DownloadedFile) => file;
	function deps(answers: FileAnswer[]) {
		const hops: FileHop[] = [];
		return {
			hops,
			deps: {
				send: async (hop: FileHop) => {
					hops.push(hop);
					return answers.shift()!;
				},
				sleep: async () => undefined,
				takeTurn: async () => undefined,
			},
		};
	}

	it('refuses a link that is not Zoom\'s before sending anything, naming the file', async () => {
		const t = deps([]);
		await expect(fetchFile(t.deps, settings, 'http://169.254.169.254/latest/meta-data', 'file "a.pdf" (id 1) of message m', asIs)).rejects.toThrow(
			'Could not download file "a.pdf" (id 1) of message m: its download link points to http://169.254.169.254, which is not Zoom\'s',
		);
		await expect(fetchFile(t.deps, settings, 'http://zoom.us/file/1', 'file "a.pdf"', asIs)).rejects.toThrow('plain http');
		expect(t.hops).toEqual([]);
	});

	it('refuses a redirect to the metadata address, naming the file', async () => {
		const t = deps([{ status: 302, headers: { location: 'https://169.254.169.254/latest/meta-data' }, body: '' }]);
		await expect(fetchFile(t.deps, settings, 'https://zoom.us/file/1', 'file "a.pdf"', asIs)).rejects.toThrow(
			'Could not download file "a.pdf": a redirect to a local or private address (169.254.169.254)',
		);
		expect(t.hops).toHaveLength(1);
	});

	it('a body cut off mid-way is retried from the download_url', async () => {
		const cut = new PassThrough();
		cut.write(Buffer.alloc(10));
		setImmediate(() => cut.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
		const whole = Readable.from([Buffer.from('all of it')]);
		const t = deps([
			{ status: 200, headers: {}, body: cut },
			{ status: 200, headers: {}, body: whole },
		]);
		const text = await fetchFile(t.deps, settings, 'https://zoom.us/file/1', 'file "a.pdf"', async (file) => {
			const chunks: Buffer[] = [];
			for await (const chunk of file.body as AsyncIterable<Buffer>) chunks.push(chunk);
			return Buffer.concat(chunks).toString();
		});
		expect(text).toBe('all of it');
		expect(t.hops.map((h) => h.url)).toEqual(['https://zoom.us/file/1', 'https://zoom.us/file/1']);
	});
});

describe('the body guard', () => {
	const drain = async (body: unknown) => {
		let n = 0;
		for await (const chunk of body as AsyncIterable<Buffer>) n += chunk.length;
		return n;
	};

	it('counts the bytes after decompression and stops a gzip bomb at the cap', async () => {
		const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
		expect(bomb.length).toBeLessThan(100 * 1024);
		const inflated = Readable.from([bomb]).pipe(createGunzip());
		const guard = guardBody(inflated, { maxBytes: 1024 * 1024, idleMs: 5000 });
		const error = await drain(guard.body).catch((e: unknown) => e);
		guard.done();
		expect(error).toBeInstanceOf(FileTooLarge);
		expect(bodyFailure(guard, error)).toEqual({ tooLarge: true });
		expect(inflated.destroyed).toBe(true);
	});

	it('passes a body within the cap through unchanged', async () => {
		const guard = guardBody(Readable.from([Buffer.alloc(1000), Buffer.alloc(24)]), { maxBytes: 1024, idleMs: 5000 });
		expect(await drain(guard.body)).toBe(1024);
		guard.done();
	});

	it('fails a body that stalls after its first chunk with ETIMEDOUT', async () => {
		const stalled = new PassThrough();
		stalled.write(Buffer.alloc(10));
		const guard = guardBody(stalled, { maxBytes: 0, idleMs: 150 });
		const error = await drain(guard.body).catch((e: unknown) => e);
		expect(bodyFailure(guard, error)).toMatchObject({ network: { details: { networkCode: 'ETIMEDOUT' } } });
		expect(stalled.destroyed).toBe(true);
	});
});
