/**
 * The pure parts behind Thread Replies and Download Files: grouping inline replies, planning which
 * files go into which binary property, and fetching one file (redirects, the token, retries, a
 * refresh, errors) with the sending, sleeping and pacing passed in.
 */
import { planFileDownloads } from '../../nodes/ZoomIm/reading/fileAttachments';
import { safeFileName } from '../../nodes/ZoomIm/reading/fileName';
import type { ZoomMessage } from '../../nodes/ZoomIm/reading/messages';
import { groupThreadReplies } from '../../nodes/ZoomIm/reading/threads';
import { ZoomError } from '../../nodes/ZoomIm/transport/errors';
import { MAX_REDIRECTS, fetchFile, redirectHop, type DownloadedFile, type FileAnswer, type FileHop } from '../../nodes/ZoomIm/transport/fileDownload';
import { TransportError } from '../../nodes/ZoomIm/transport/zoomClient';

describe('groupThreadReplies', () => {
	const msg = (id: string, timestamp: number, main?: string): ZoomMessage => ({ id, timestamp, ...(main ? { reply_main_message_id: main } : {}) });

	it('puts each reply under its main message, oldest first, and keeps the main messages in their order', () => {
		// Zoom's order: newest first, replies inline.
		const out = groupThreadReplies([msg('r2', 40, 'A'), msg('B', 30), msg('r1', 20, 'A'), msg('A', 10)]);
		expect(out.map((m) => m.id)).toEqual(['B', 'A']);
		expect((out[1].replies as ZoomMessage[]).map((m) => m.id)).toEqual(['r1', 'r2']);
		expect(out[0].replies).toEqual([]);
	});

	it('keeps a reply whose main message was not read as an item of its own', () => {
		const out = groupThreadReplies([msg('r', 20, 'gone'), msg('A', 10)]);
		expect(out.map((m) => m.id)).toEqual(['r', 'A']);
		expect(out[0].reply_main_message_id).toBe('gone');
		expect(out[0]).not.toHaveProperty('replies');
	});
});

describe('planFileDownloads', () => {
	const file = (id: string, size: number) => ({ file_id: id, file_name: `${id}.pdf`, file_size: size, download_url: `https://zoom.example/file/${id}` });

	it('one binary property per file, the top-level copy of the first file not counted twice, replies after the message', () => {
		const message: ZoomMessage = {
			id: 'M',
			files: [file('a', 10), file('b', 20)],
			...file('a', 10),
			replies: [{ id: 'R', ...file('c', 30) }],
		};
		const { entries, downloads } = planFileDownloads(message, 0);
		expect(downloads.map((d) => [d.property, d.downloadUrl])).toEqual([
			['file_0', 'https://zoom.example/file/a'],
			['file_1', 'https://zoom.example/file/b'],
			['file_2', 'https://zoom.example/file/c'],
		]);
		expect(entries.map((e) => [e.message_id, e.file_id, e.binary_property])).toEqual([
			['M', 'a', 'file_0'],
			['M', 'b', 'file_1'],
			['R', 'c', 'file_2'],
		]);
	});

	it('skips a file above the cap with the reason, and the next file takes the next property', () => {
		const { entries, downloads } = planFileDownloads({ id: 'M', files: [file('big', 3 * 1024 * 1024), file('small', 5)] }, 2);
		expect(entries[0]).toMatchObject({ file_id: 'big', binary_property: null, skipped: 'larger than Max File Size (2 MB)' });
		expect(downloads.map((d) => [d.entry.file_id, d.property])).toEqual([['small', 'file_0']]);
	});

	it('a file without a download_url is an error naming the file, not a silent skip', () => {
		expect(() => planFileDownloads({ id: 'M', files: [{ file_id: 'x', file_name: 'x.pdf' }] }, 0)).toThrow(
			new ZoomError('Zoom sent no download_url for file "x.pdf" (id x) of message M', { kind: 'invalidResponse' }),
		);
	});
});

describe('safeFileName', () => {
	it.each([
		['minutes.pdf', 'minutes.pdf'],
		['../../x', 'x'],
		['..\\..\\Windows\\win.ini', 'win.ini'],
		['/etc/passwd', 'passwd'],
		['..', 'file'],
		['a/..', 'file'],
		['', 'file'],
		['report\u0000.pdf\n', 'report.pdf'],
		['what? <now>: "a|b*".txt', 'what_ _now__ _a_b__.txt'],
		['screenshot 2026-01-01 at 10.00.00.png', 'screenshot 2026-01-01 at 10.00.00.png'],
	])('%j → %j', (raw, safe) => {
		expect(safeFileName(raw)).toBe(safe);
	});

	it('keeps at most 200 characters, and names a file without a string name "file"', () => {
		expect(safeFileName('x'.repeat(500))).toHaveLength(200);
		expect(safeFileName(undefined)).toBe('file');
		expect(safeFileName(42)).toBe('file');
	});

	it('lists the safe name, and Zoom\'s own only when it differs', () => {
		const file = (name: string) => ({ file_id: name, file_name: name, file_size: 1, download_url: 'https://zoom.example/f' });
		const { entries } = planFileDownloads({ id: 'M', files: [file('../../x'), file('ok.txt')] }, 0);
		expect(entries.map((e) => [e.file_name, e.zoom_file_name])).toEqual([
			['x', '../../x'],
			['ok.txt', undefined],
		]);
		expect('zoom_file_name' in entries[1]).toBe(false);
	});
});

describe('redirectHop', () => {
	it('keeps the token only to the same origin, and never gets it back after another origin', () => {
		const start: FileHop = { url: 'https://zoom.us/file/1?jwt=x', withToken: true, refreshing: false };
		const api = 'https://api.zoom.us';
		expect(redirectHop(start, '/file/2', api)).toEqual({ url: 'https://zoom.us/file/2', withToken: true, refreshing: false });
		const away = redirectHop(start, 'https://cdn.example/f/1?sig=s', api) as FileHop;
		expect(away.withToken).toBe(false);
		expect(redirectHop(away, 'https://zoom.us/file/3', api)).toMatchObject({ withToken: false });
		expect(redirectHop(start, 'http://zoom.us/file/1', api)).toEqual({ refused: 'a redirect to plain http (zoom.us)' });
		expect(redirectHop(start, 'https://zoom.us:8443/file/1', api)).toMatchObject({ withToken: false });
	});
});

describe('fetchFile', () => {
	const settings = { apiOrigin: 'https://api.zoom.us', maxBytes: 0, idleMs: 1000, maxRetries: 2, backoff: { baseDelayMs: 10, maxDelayMs: 100 }, secrets: ['s3cr3t-token'] };
	const asIs = async (file: DownloadedFile) => file;
	const ok = (body = 'bytes'): FileAnswer => ({ status: 200, headers: { 'content-type': 'application/pdf; charset=binary', 'content-length': '5' }, body });
	const json = (status: number, body: object, headers: Record<string, string> = {}): FileAnswer => ({ status, headers, body: JSON.stringify(body) });

	function run(answers: Array<FileAnswer | Error>) {
		const hops: FileHop[] = [];
		const sleeps: number[] = [];
		let turns = 0;
		const deps = {
			send: async (hop: FileHop) => {
				hops.push(hop);
				const next = answers.shift();
				if (next === undefined) throw new Error('no more answers');
				if (next instanceof Error) throw next;
				return next;
			},
			sleep: async (ms: number) => {
				sleeps.push(ms);
			},
			takeTurn: async () => {
				turns++;
			},
			random: () => 0.5,
		};
		return { deps, hops, sleeps, turns: () => turns };
	}

	it('follows a redirect to another origin without the token, paces only the requests with it, and reads the type and length', async () => {
		const t = run([{ status: 302, headers: { location: 'https://cdn.example/x?sig=1' }, body: '' }, ok()]);
		const file = await fetchFile(t.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs);
		expect(t.hops).toEqual([
			{ url: 'https://zoom.us/file/x', withToken: true, refreshing: false },
			{ url: 'https://cdn.example/x?sig=1', withToken: false, refreshing: false },
		]);
		expect(t.turns()).toBe(1);
		expect(file).toEqual({ body: 'bytes', contentType: 'application/pdf', contentLength: 5 });
	});

	it('retries 5xx, 429 and dropped connections from the download_url, with backoff', async () => {
		const t = run([
			json(503, { code: 503, message: 'busy' }),
			{ status: 302, headers: { location: 'https://cdn.example/x' }, body: '' },
			new TransportError('socket hang up', { networkCode: 'ECONNRESET' }),
			ok(),
		]);
		await fetchFile(t.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs);
		expect(t.hops.map((h) => h.url)).toEqual(['https://zoom.us/file/x', 'https://zoom.us/file/x', 'https://cdn.example/x', 'https://zoom.us/file/x']);
		expect(t.sleeps).toEqual([8, 15]);
	});

	it('gives up after Max Retries, naming the file and the last answer', async () => {
		const t = run([json(500, { code: 500, message: 'e' }), json(500, { code: 500, message: 'e' }), json(500, { code: 500, message: 'e' })]);
		await expect(fetchFile(t.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs)).rejects.toThrow(
			'Could not download file "x" after 3 attempts: HTTP 500, code 500, e',
		);
	});

	it('on 401 sends once through the refreshing path, then starts again with the new token', async () => {
		const t = run([
			json(401, { code: 124, message: 'Access token is expired.' }),
			new TransportError('Found', { status: 302, headers: {}, body: '' }),
			{ status: 302, headers: { location: 'https://cdn.example/x' }, body: '' },
			ok(),
		]);
		await fetchFile(t.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs);
		expect(t.hops.map((h) => [h.url, h.withToken, h.refreshing])).toEqual([
			['https://zoom.us/file/x', true, false],
			['https://zoom.us/file/x', true, true],
			['https://zoom.us/file/x', true, false],
			['https://cdn.example/x', false, false],
		]);
	});

	it('a 401 after the refresh, a 404 and a daily limit are errors with Zoom\'s status, code and message, secrets removed', async () => {
		const expired = json(401, { code: 124, message: 'Access token is expired.' });
		const twice = run([expired, new TransportError('401', { status: 401, headers: {}, body: { code: 124, message: 'Invalid access token.' } })]);
		await expect(fetchFile(twice.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs)).rejects.toMatchObject({ kind: 'unauthorized', httpStatus: 401 });

		const missing = run([json(404, { code: 4130, message: 'File not found for s3cr3t-token' })]);
		const error = await fetchFile(missing.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ZoomError);
		expect(error).toMatchObject({ kind: 'zoom', httpStatus: 404, zoomCode: 4130, zoomMessage: 'File not found for [redacted]' });
		expect((error as Error).message).toBe('Could not download file "x": HTTP 404, code 4130, File not found for [redacted]');

		const daily = run([json(429, { code: 429, message: 'daily' }, { 'x-ratelimit-type': 'Daily-limit' })]);
		await expect(fetchFile(daily.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs)).rejects.toMatchObject({ kind: 'dailyLimit' });
	});

	it(`stops after ${MAX_REDIRECTS} redirects`, async () => {
		const loop = Array.from({ length: MAX_REDIRECTS + 1 }, () => ({ status: 302, headers: { location: '/again' }, body: '' }));
		const t = run(loop);
		await expect(fetchFile(t.deps, settings, 'https://zoom.us/file/x', 'file "x"', asIs)).rejects.toThrow(
			`Could not download file "x": more than ${MAX_REDIRECTS} redirects`,
		);
	});
});
