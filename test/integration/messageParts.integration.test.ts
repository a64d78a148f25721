/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: a second local HTTP server under jest, never inside n8n */
/**
 * The parts of a Team Chat message, over real HTTP against the simulator through n8n-core's own
 * execute context: Thread Replies (all / main only / grouped), Download Files (binary data with
 * file name and MIME type, the token kept from the file host, the size cap, failures, retries,
 * a token refresh) and Voice Messages as MP4. Expected values come from the simulator's oracles.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import type { TeamChatMessage } from '../simulator';
import { createNodeRunner } from '../support/execute-context';
import { simplifiedTeamChatMessage } from '../support/expected-team-chat';
import { CREDENTIAL_TYPES, jsonOf, messagesRunner, oauth2CredentialData, useFakeDate, useSimulator } from './setup';

const NOW = '2026-06-20T12:00:00Z';
useFakeDate(NOW);
const sim = useSimulator();
beforeEach(() => {
	sim.clearRequests();
	sim.clearFaults();
});


function params(options: Record<string, unknown> = {}, extra: INodeParameters = {}): INodeParameters {
	return {
		authentication: 'oAuth2',
		api: 'teamChat',
		userId: 'me',
		teamChatTarget: 'channel',
		channelId: { __rl: true, mode: 'id', value: 'ch-general' },
		from: '2026-01-01',
		to: '2026-03-31',
		returnAll: true,
		pageSize: 50,
		options: { timezone: 'UTC', retryDelay: 1, ...options },
		...extra,
	} as INodeParameters;
}

/** The range's messages in the node's order: month by month, Zoom's order (newest first) inside each. */
const MONTHS = [
	['2026-01-01T00:00:00Z', '2026-01-31T23:59:59Z'],
	['2026-02-01T00:00:00Z', '2026-02-28T23:59:59Z'],
	['2026-03-01T00:00:00Z', '2026-03-31T23:59:59Z'],
];
const inRange = (query: Record<string, unknown> = {}) =>
	MONTHS.flatMap(([from, to]) => sim.teamChatMessages({ toChannel: 'ch-general', from, to, ...query }));
const requestsOf = (kind: string) => sim.requests.filter((r) => r.kind === kind);

/** The tests' own grouping: each reply under its main message of the range, oldest first. */
function grouped(messages: TeamChatMessage[]): Array<TeamChatMessage & { replies?: TeamChatMessage[] }> {
	const ids = new Set(messages.filter((m) => !m.reply_main_message_id).map((m) => m.id));
	return messages
		.filter((m) => !m.reply_main_message_id || !ids.has(m.reply_main_message_id))
		.map((m) =>
			m.reply_main_message_id
				? m
				: {
						...m,
						replies: messages.filter((r) => r.reply_main_message_id === m.id).sort((a, b) => a.timestamp - b.timestamp),
					},
		);
}

function filesOf(m: TeamChatMessage & { replies?: TeamChatMessage[] }) {
	return [m, ...(m.replies ?? [])].flatMap((x) => x.files ?? []);
}

const MIME: Record<string, string> = {
	pdf: 'application/pdf',
	png: 'image/png',
	csv: 'text/csv',
	txt: 'text/plain',
	svg: 'image/svg+xml',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	amr: 'audio/amr',
};

/** Each file of the items is in their binary data, named and typed, with the simulator's exact bytes. */
function expectFilesIn(items: INodeExecutionData[], expected: Array<TeamChatMessage & { replies?: TeamChatMessage[] }>) {
	expect(items).toHaveLength(expected.length);
	let files = 0;
	items.forEach((item, i) => {
		const want = filesOf(expected[i]);
		expect(Object.keys(item.binary ?? {})).toEqual(want.map((_, k) => `file_${k}`));
		want.forEach((file, k) => {
			const binary = item.binary![`file_${k}`];
			expect(binary.fileName).toBe(file.file_name);
			expect(binary.mimeType).toBe(MIME[file.file_name.split('.').pop()!]);
			expect(Buffer.from(binary.data, 'base64').equals(sim.fileContent(file.file_id))).toBe(true);
			files++;
		});
		expect(item.json.file_downloads).toEqual(
			want.map((file, k) => ({
				message_id: [expected[i], ...(expected[i].replies ?? [])].find((m) => (m.files ?? []).includes(file))!.id,
				file_id: file.file_id,
				file_name: file.file_name,
				file_size: file.file_size,
				binary_property: `file_${k}`,
			})),
		);
	});
	return files;
}

describe('Thread Replies', () => {
	it('"All Messages" (the default) returns every message with each reply saying which message it answers', async () => {
		const [items] = await messagesRunner(sim).execute(params());
		const expected = inRange();
		expect(expected.some((m) => m.reply_main_message_id)).toBe(true);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		expect(requestsOf('teamMessages').every((r) => r.query.exclude_child_message === undefined)).toBe(true);
	});

	it('"Main Messages Only" asks Zoom for exclude_child_message=true and returns no reply', async () => {
		const [items] = await messagesRunner(sim).execute(params({ threadReplies: 'mainOnly' }));
		const expected = inRange({ excludeChildMessage: true });
		expect(expected.length).toBeLessThan(inRange().length);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		expect(requestsOf('teamMessages').every((r) => r.query.exclude_child_message === 'true')).toBe(true);
	});

	it('"Main Messages With Their Replies" groups the inline replies with no extra request; a reply to a message before the range stays an item', async () => {
		// Parallel Windows = the month windows: each read whole (a fresh credential may otherwise split
		// a window from its first answer, by the latency that took: windowSplit.integration.test.ts).
		const [items] = await messagesRunner(sim).execute(params({ threadReplies: 'grouped', concurrency: MONTHS.length }));
		const expected = grouped(inRange());
		expect(expected.some((m) => (m.replies ?? []).length > 0)).toBe(true);
		expect(expected.some((m) => m.reply_main_message_id)).toBe(true);
		expect(jsonOf(items)).toEqual(expected.map((m) => ({ ...simplifiedTeamChatMessage(m), channel_id: 'ch-general' })));
		// Every message of the range exactly once, at the top or under its main message.
		const ids = jsonOf(items).flatMap((m) => [m.id, ...((m.replies as Array<{ id: string }> | undefined) ?? []).map((r) => r.id)]);
		expect(ids.sort()).toEqual(inRange().map((m) => m.id).sort());
		expect(requestsOf('teamMessages').filter((r) => !r.query.next_page_token)).toHaveLength(MONTHS.length);
	});

	it('refuses an unknown mode before any request', async () => {
		await expect(messagesRunner(sim).execute(params({ threadReplies: 'threaded' }))).rejects.toThrow(
			'The value "threaded" of "Thread Replies" is not one of "all", "mainOnly", "grouped"',
		);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Download Files', () => {
	it("puts each file into the item's binary data, fetched with the token, which never reaches the file host", async () => {
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }));
		const expected = inRange();
		const files = expectFilesIn(items, expected);
		expect(files).toBeGreaterThan(5);
		expect(items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const downloads = requestsOf('fileDownload');
		const contents = requestsOf('fileContent');
		expect(downloads).toHaveLength(files);
		expect(contents).toHaveLength(files);
		expect(downloads.every((r) => /^Bearer /.test(String(r.headers.authorization)))).toBe(true);
		expect(contents.every((r) => r.headers.authorization === undefined)).toBe(true);
		expect(contents.every((r) => r.headers.host === new URL(sim.fileHostUrl).host)).toBe(true);
	});

	it('with Simplify off and grouped replies: the raw message, its replies and every file of the thread', async () => {
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true, simplify: false, threadReplies: 'grouped' }));
		const expected = grouped(inRange());
		expectFilesIn(items, expected);
		expect(items.map((i) => i.json.id)).toEqual(expected.map((m) => m.id));
	});

	it('with the Server-to-Server credential too: its token to the download URL, never to the file host', async () => {
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }, { authentication: 'serverToServer', userId: 'owner@example.com' }));
		expectFilesIn(items, inRange());
		expect(sim.tokenStats().accountCredentialsGrants).toBeGreaterThanOrEqual(1);
		expect(requestsOf('fileDownload').every((r) => /^Bearer /.test(String(r.headers.authorization)))).toBe(true);
		expect(requestsOf('fileContent').every((r) => r.headers.authorization === undefined)).toBe(true);
	});

	it("n8n's request helper, left to follow the redirect itself, carries the token to the file host: why the node follows redirects", async () => {
		const probe: INodeType = {
			description: {
				displayName: 'Probe',
				name: 'probe',
				group: ['transform'],
				version: 1,
				description: 'Downloads one URL with the Zoom credential, the way n8n follows redirects',
				defaults: { name: 'Probe' },
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				credentials: [{ name: 'zoomImOAuth2Api', required: true }],
				properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
			},
			async execute(this: IExecuteFunctions) {
				const url = this.getNodeParameter('url', 0) as string;
				await this.helpers.httpRequestWithAuthentication.call(this, 'zoomImOAuth2Api', { method: 'GET', url, encoding: 'arraybuffer' });
				return [[{ json: {} }]];
			},
		};
		const runner = createNodeRunner({
			nodeType: probe,
			credentialTypes: CREDENTIAL_TYPES,
			credentials: { zoomImOAuth2Api: { id: 'cred-oauth2', name: 'Zoom OAuth2', data: oauth2CredentialData(sim) } },
		});
		const [file] = inRange().flatMap((m) => m.files ?? []);
		await runner.execute({ url: file.download_url });
		const [content] = requestsOf('fileContent');
		expect(content.headers.host).toBe(new URL(sim.fileHostUrl).host);
		expect(String(content.headers.authorization)).toMatch(/^Bearer /);
	});

	it('names a downloaded file by a safe base name, keeping Zoom\'s raw name in zoom_file_name', async () => {
		const message = sim.addTeamChatMessage({
			toChannel: 'ch-general',
			// A day no other test here reads: the simulator is shared by the file's tests.
			date_time: '2026-06-19T12:00:00Z',
			message: 'see attached',
			files: [{ file_name: '../../.ssh/authorized_keys', file_size: 64 }],
		});
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }, { from: '2026-06-19', to: '2026-06-19' }));
		const item = items.find((i) => i.json.id === message.id)!;
		const [file] = message.files!;
		expect(item.json.file_downloads).toEqual([
			{ message_id: message.id, file_id: file.file_id, file_name: 'authorized_keys', zoom_file_name: '../../.ssh/authorized_keys', file_size: 64, binary_property: 'file_0' },
		]);
		expect(item.binary!.file_0.fileName).toBe('authorized_keys');
	});

	it('skips a file above Max File Size without fetching it, and says so in file_downloads', async () => {
		const capMb = 0.1;
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true, maxFileSizeMb: capMb }));
		const all = inRange().flatMap((m) => m.files ?? []);
		const small = all.filter((f) => f.file_size <= capMb * 1024 * 1024);
		expect(small.length).toBeGreaterThan(0);
		expect(small.length).toBeLessThan(all.length);
		expect(requestsOf('fileDownload').map((r) => r.path.split('/').pop()).sort()).toEqual(small.map((f) => f.file_id).sort());
		const entries = items.flatMap((i) => i.json.file_downloads as Array<Record<string, unknown>>);
		expect(entries).toHaveLength(all.length);
		for (const entry of entries) {
			const big = (entry.file_size as number) > capMb * 1024 * 1024;
			expect(entry.skipped).toBe(big ? 'larger than Max File Size (0.1 MB)' : undefined);
			expect(entry.binary_property === null).toBe(big);
		}
	});

	it('retries a download after 429, 5xx and a dropped connection, on the API host and on the file host', async () => {
		sim.addFault({ match: { kind: 'fileDownload' }, times: 1, type: 'serverError', status: 503 });
		sim.addFault({ match: { kind: 'fileDownload' }, after: 1, times: 1, type: 'rateLimit' });
		sim.addFault({ match: { kind: 'fileContent' }, after: 2, times: 1, type: 'reset' });
		sim.addFault({ match: { kind: 'fileContent' }, after: 4, times: 1, type: 'serverError', status: 500 });
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }));
		expectFilesIn(items, inRange());
		expect(sim.requests.filter((r) => r.faulted).length).toBe(4);
	});

	it('refreshes an expired token once and goes on', async () => {
		sim.addFault({ match: { kind: 'fileDownload' }, after: 3, times: 1, type: 'expireAccessToken' });
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }));
		expectFilesIn(items, inRange());
		expect(sim.tokenStats().refreshGrants).toBeGreaterThanOrEqual(1);
	});

	it('a file that cannot be fetched fails its input item with a clear error; with Continue On Fail it is that item\'s { error } and the others go on', async () => {
		const missing = { code: 404, message: 'File does not exist.' };
		sim.addFault({ match: { kind: 'fileDownload' }, after: 2, times: 1, type: 'http', status: 404, body: missing });
		const run = messagesRunner(sim).execute(params({ downloadFiles: true }));
		await expect(run).rejects.toThrow(NodeApiError);
		await expect(run).rejects.toThrow(/Could not download file ".+" \(id \w+\) of message [\w-]+: HTTP 404, code 404, File does not exist\./);

		sim.clearFaults();
		sim.clearRequests();
		sim.addFault({ match: { kind: 'fileDownload' }, after: 2, times: 1, type: 'http', status: 404, body: missing });
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }), [{ json: {} }, { json: {} }], { continueOnFail: true });
		expect(items[0].json).toEqual({ error: expect.stringMatching(/^Could not download file/) });
		expect(items[0].pairedItem).toEqual({ item: 0 });
		const rest = items.slice(1);
		expect(rest.every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
		expectFilesIn(rest, inRange());
	});

	it('Voice Messages as MP4 asks Zoom for download_file_formats=audio/mp4 and gets voice messages as audio/mp4', async () => {
		const [items] = await messagesRunner(sim).execute(
			params({ downloadFiles: true, voiceAsMp4: true }, { from: '2026-01-01', to: '2026-05-31' }),
		);
		expect(requestsOf('teamMessages').every((r) => r.query.download_file_formats === 'audio/mp4')).toBe(true);
		const voice = items.flatMap((i) => Object.values(i.binary ?? {})).filter((b) => b.fileName!.endsWith('.amr'));
		expect(voice.length).toBeGreaterThan(0);
		expect(voice.every((b) => b.mimeType === 'audio/mp4')).toBe(true);
	});
});

/** A second local host (127.0.0.2): what reaches it, and with which Authorization header. */
function secondHost() {
	const seen: Array<{ path: string; authorization: string | undefined }> = [];
	const server = http.createServer((req, res) => {
		seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
		res.writeHead(200, { 'content-type': 'application/octet-stream' });
		res.end('not a Zoom file');
	});
	return {
		seen,
		start: async () => {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
			return `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
		},
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('Download Files at the edges (issue #20)', () => {
	const other = secondHost();
	let otherOrigin = '';
	beforeAll(async () => {
		otherOrigin = await other.start();
	});
	afterAll(async () => await other.stop());
	afterEach(() => {
		sim.options.fileLinks = 'bearer';
		sim.options.fileLinkOrigin = '';
		other.seen.length = 0;
	});

	it("a download link on another host (127.0.0.2), or on another port of the API's host, fails the item naming the file; nothing is sent there", async () => {
		sim.options.fileLinkOrigin = otherOrigin;
		const run = messagesRunner(sim).execute(params({ downloadFiles: true }));
		await expect(run).rejects.toThrow(NodeApiError);
		await expect(run).rejects.toThrow(new RegExp(`^Could not download file ".+" \\(id \\w+\\) of message [\\w-]+: its download link points to ${otherOrigin.replace(/\./g, '\\.')}, which is not Zoom's`));
		expect(other.seen).toEqual([]);

		sim.options.fileLinkOrigin = sim.fileHostUrl;
		sim.clearRequests();
		await expect(messagesRunner(sim).execute(params({ downloadFiles: true }))).rejects.toThrow(/which is not Zoom's/);
		expect(requestsOf('fileDownload')).toEqual([]);
	});

	it('a redirect to another local host or to the metadata address is refused, naming the file; nothing is sent there', async () => {
		sim.addFault({ match: { kind: 'fileDownload' }, times: 1, type: 'http', status: 302, body: '', headers: { location: `${otherOrigin}/latest/meta-data` } });
		await expect(messagesRunner(sim).execute(params({ downloadFiles: true }))).rejects.toThrow(
			/^Could not download file ".+" \(id \w+\) of message [\w-]+: a redirect to plain http \(127\.0\.0\.2:\d+\)/,
		);
		expect(other.seen).toEqual([]);
		sim.clearFaults();
		sim.addFault({ match: { kind: 'fileDownload' }, times: 1, type: 'http', status: 302, body: '', headers: { location: 'https://169.254.169.254/latest/meta-data' } });
		await expect(messagesRunner(sim).execute(params({ downloadFiles: true }))).rejects.toThrow(/: a redirect to a local or private address \(169\.254\.169\.254\)/);
	});

	it("Zoom's documented signed links (/file/download/<id>?filename=…&jwt=…) download too", async () => {
		sim.options.fileLinks = 'signed';
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }));
		expect(expectFilesIn(items, inRange())).toBeGreaterThan(5);
		expect(requestsOf('fileSignedDownload').length).toBeGreaterThan(5);
		expect(requestsOf('fileDownload')).toEqual([]);
	});

	it('a gzip bomb (chunked, no length) stops at Max File Size, counted after decompression: the file is skipped, not stored', async () => {
		sim.addFault({ match: { kind: 'fileContent' }, times: 1, type: 'gzipBomb', bytes: 64 * 1024 * 1024 });
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true, maxFileSizeMb: 1 }));
		const entries = items.flatMap((i) => i.json.file_downloads as Array<Record<string, unknown>>);
		const bombed = entries.filter((e) => e.skipped !== undefined && (e.file_size as number) <= 1024 * 1024);
		expect(bombed).toHaveLength(1);
		expect(bombed[0]).toMatchObject({ binary_property: null, skipped: 'larger than Max File Size (1 MB)' });
		const sizes = items.flatMap((i) => Object.values(i.binary ?? {}).map((b) => Buffer.from(b.data, 'base64').length));
		expect(Math.max(...sizes)).toBeLessThanOrEqual(1024 * 1024);
	});

	it('a body that stalls after its headers is given up after Request Timeout and fetched again', async () => {
		sim.addFault({ match: { kind: 'fileContent' }, after: 1, times: 1, type: 'stallBody', ms: 60_000 });
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true, requestTimeout: 400 }));
		expectFilesIn(items, inRange());
		expect(sim.requests.filter((r) => r.faulted === 'stallBody')).toHaveLength(1);
	});

	it('a file body cut off mid-way is a network failure, retried', async () => {
		sim.addFault({ match: { kind: 'fileContent' }, after: 1, times: 2, type: 'cutBody' });
		const [items] = await messagesRunner(sim).execute(params({ downloadFiles: true }));
		expectFilesIn(items, inRange());
		expect(sim.requests.filter((r) => r.faulted === 'cutBody')).toHaveLength(2);
	});

	it('a file body cut off on every try fails the item naming the file', async () => {
		sim.addFault({ match: { kind: 'fileContent' }, times: 100, type: 'cutBody' });
		await expect(messagesRunner(sim).execute(params({ downloadFiles: true, maxRetries: 1 }))).rejects.toThrow(
			/^Could not download file ".+" \(id \w+\) of message [\w-]+ after 2 attempts: ECONNRESET/,
		);
	});

	it('a JSON page cut off mid-way is a network failure, retried', async () => {
		sim.addFault({ match: { kind: 'teamMessages' }, after: 1, times: 2, type: 'cutBody' });
		const [items] = await messagesRunner(sim).execute(params());
		expect(items).toHaveLength(inRange().length);
		expect(sim.requests.filter((r) => r.faulted === 'cutBody')).toHaveLength(2);
	});
});
